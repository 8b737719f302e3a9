package org.workbook.tensor;

import java.util.Arrays;

/**
 * An immutable list of dimension sizes; prints like {@code torch.Size([6131, 28, 28])}.
 *
 * <pre>{@code
 * jshell> zeros(2, 3).shape()
 * $1 ==> torch.Size([2, 3])
 * jshell> zeros(2, 3).shape().get(-1)
 * $2 ==> 3
 * }</pre>
 */
public final class Shape {
    private final int[] dims;

    private Shape(int[] dims) {
        this.dims = dims;
    }

    /** A shape from sizes; every size must be >= 0. */
    public static Shape of(int... dims) {
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new IllegalArgumentException("Trying to create tensor with negative dimension " + dims[i]
                    + ": " + Arrays.toString(dims) + ". Every size must be 0 or more.");
            }
        }
        return new Shape(dims.clone());
    }

    static Shape wrap(int[] dims) {
        return new Shape(dims);
    }

    /** The sizes, a copy. */
    public int[] toArray() {
        return dims.clone();
    }

    /** The size of dimension {@code i}; negative counts from the end. */
    public int get(int i) {
        return dims[Shapes.existingDim(i, dims.length)];
    }

    public int rank() {
        return dims.length;
    }

    public int numel() {
        return Shapes.numel(dims);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return "torch.Size(" + Arrays.toString(dims) + ")";
    }
}
