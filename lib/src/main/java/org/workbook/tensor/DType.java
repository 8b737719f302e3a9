package org.workbook.tensor;

/**
 * Element types, with PyTorch's names and promotion rules.
 *
 * <pre>{@code
 * jshell> DType.promote(DType.INT64, DType.FLOAT64)
 * $1 ==> FLOAT64
 * jshell> tensor(1, 2).mul(1.5).dtype()      // an int tensor times a float scalar
 * $2 ==> FLOAT32
 * }</pre>
 */
public enum DType {
    BOOL("torch.bool", 0), UINT8("torch.uint8", 1), INT32("torch.int32", 2), INT64("torch.int64", 3),
    FLOAT32("torch.float32", 4), FLOAT64("torch.float64", 5);

    private final String torchName;
    private final int rank;

    DType(String torchName, int rank) {
        this.torchName = torchName;
        this.rank = rank;
    }

    /** The name torch prints, e.g. {@code torch.float64}. */
    public String torchName() {
        return torchName;
    }

    /** Prints as torch does ({@code torch.float32}), so {@code x.dtype()} reads like the book. */
    @Override
    public String toString() {
        return torchName;
    }

    /** torch's legacy type name ({@code torch.FloatTensor}), as autograd's error messages print it. */
    public String legacyTypeName() {
        switch (this) {
            case BOOL: return "torch.BoolTensor";
            case UINT8: return "torch.ByteTensor";
            case INT32: return "torch.IntTensor";
            case INT64: return "torch.LongTensor";
            case FLOAT32: return "torch.FloatTensor";
            default: return "torch.DoubleTensor";
        }
    }

    public boolean isFloatingPoint() {
        return this == FLOAT32 || this == FLOAT64;
    }

    /** Integral and bool types (the ones torch calls "integral" plus bool). */
    public boolean isIntegral() {
        return !isFloatingPoint();
    }

    /** The type holding values of both, as torch.promote_types does for two tensors. */
    public static DType promote(DType a, DType b) {
        return a.rank >= b.rank ? a : b;
    }

    /**
     * The result type of a tensor of type {@code t} with a Python-style scalar:
     * a float scalar makes an integral tensor float32 (the default float type),
     * otherwise the tensor's type wins (torch's "dimensioned operands first" rule).
     */
    public static DType promoteWithScalar(DType t, boolean scalarIsFloat) {
        if (scalarIsFloat && !t.isFloatingPoint()) {
            return FLOAT32;
        }
        if (!scalarIsFloat && t == BOOL) {
            return INT64;
        }
        return t;
    }

    /** The default type for floating results of integral inputs (true division, exp, mean). */
    public DType toFloatingPoint() {
        return isFloatingPoint() ? this : FLOAT32;
    }

    /** Size of one element in bytes, as PyTorch's element_size(). */
    public int itemSize() {
        switch (this) {
            case BOOL: case UINT8: return 1;
            case INT32: case FLOAT32: return 4;
            default: return 8;
        }
    }
}
