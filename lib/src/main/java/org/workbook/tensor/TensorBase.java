package org.workbook.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.workbook.autograd.Node;
import org.workbook.backend.Backend;
import org.workbook.backend.cpu.CpuBackend;
import org.workbook.backend.cuda.CudaBackend;

/**
 * What a tensor is: a storage, a shape, strides and an offset (minitorch's layout),
 * its dtype and device, and its place in the autograd graph. {@link Tensor} adds
 * the operations; this class holds the data and reads it out.
 */
public abstract class TensorBase {
    // Not final only for setData (torch's x.data = y), which swaps all five at once.
    Storage storage;
    int[] shape;
    int[] strides;
    int offset;
    Device device;
    /** A Java number turned into a 0-d tensor: weaker in type promotion, as torch's wrapped numbers. */
    boolean wrappedNumber;

    boolean requiresGrad;
    Tensor grad;
    Node gradFn;
    /** torch's version counter: bumped by every in-place write, shared by all views of one storage. */
    VersionCounter version = new VersionCounter();
    /** For a view made by a view op: the tensor it is ultimately a view of (torch's ._base). */
    Tensor viewBase;
    /** The version at which a view's grad_fn was last set: an in-place write since then regenerates it. */
    int fnVersion;

    TensorBase(Storage storage, int[] shape, int[] strides, int offset, Device device) {
        this.storage = storage;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        this.device = device;
        Sealed.check(getClass());
    }

    private Tensor self() {
        return (Tensor) this;
    }

    // ---- layout -------------------------------------------------------------------------

    public Shape shape() {
        return Shape.wrap(shape.clone());
    }

    /** Same as {@link #shape()}, for people used to torch's {@code size()}. */
    public Shape size() {
        return shape();
    }

    /** Size of dimension {@code dim}; negative counts from the end. */
    public int size(int dim) {
        return shape[Shapes.existingDim(dim, shape.length)];
    }

    public int ndim() {
        return shape.length;
    }

    public int dim() {
        return shape.length;
    }

    public int numel() {
        return Shapes.numel(shape);
    }

    public DType dtype() {
        return storage.dtype();
    }

    public Device device() {
        return device;
    }

    /** Strides in elements, a copy (torch's {@code stride()}). */
    public int[] stride() {
        return strides.clone();
    }

    public int stride(int dim) {
        return strides[Shapes.existingDim(dim, shape.length)];
    }

    /** The shape array itself, for backends and hot paths: never modify it. */
    public int[] shapeArray() {
        return shape;
    }

    /** The stride array itself, for backends and hot paths: never modify it. */
    public int[] strideArray() {
        return strides;
    }

    /** Offset of the first element in the storage (torch's {@code storage_offset()}). */
    public int offset() {
        return offset;
    }

    public Storage storage() {
        return storage;
    }

    public int elementSize() {
        return storage.dtype().itemSize();
    }

    public Backend backend() {
        return backendOf(device);
    }

    /** The backend that computes on {@code d}. */
    public static Backend backendOf(Device d) {
        return d.isCpu() ? CpuBackend.INSTANCE : CudaBackend.of(d.index());
    }

    /** Takes over other's storage and layout (for setData). */
    void replaceData(TensorBase other) {
        storage = other.storage;
        shape = other.shape.clone();
        strides = other.strides.clone();
        offset = other.offset;
        device = other.device;
    }

    /** True when the elements are laid out row-major with no gaps (size-1 dims ignored). */
    public boolean isContiguous() {
        int expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expected) {
                return shape[i] == 0 || Shapes.numel(shape) == 0;
            }
            expected *= shape[i];
        }
        return true;
    }

    // ---- devices ----------------------------------------------------------------------------

    /**
     * This tensor on device {@code d}: itself when it is already there, else a contiguous
     * copy (differentiable: the gradient flows back to this tensor's device).
     */
    public Tensor to(Device d) {
        if (d.equals(device)) {
            return self();
        }
        Tensor out = Transfers.copyTo(self(), d);
        if (Node.needed(self())) {
            Device from = device;
            out.setGradFn(new Node("ToCopyBackward0", self()) {
                @Override
                protected Tensor[] backward(Tensor g) {
                    return new Tensor[] {g.to(from)};
                }
            });
        }
        return out;
    }

    /** torch's {@code x.to(device, dtype)}. */
    public Tensor to(Device d, DType t) {
        return to(d).to(t);
    }

    /** This tensor on the CPU (itself when it is there already). */
    public Tensor cpu() {
        return to(Device.CPU);
    }

    /** This tensor on the first GPU; fails with the reason when there is none. */
    public Tensor cuda() {
        return to(Device.cuda(0));
    }

    public boolean isCuda() {
        return device.isCuda();
    }

    /**
     * Makes this tensor use {@code other}'s elements from now on (torch's
     * {@code x.data = other}), keeping its identity, its requires_grad and its place in
     * modules and optimizers; the shapes must match. {@link org.workbook.nn.Module#to}
     * moves parameters with it.
     */
    public void setData(Tensor other) {
        if (!java.util.Arrays.equals(other.shape, shape)) {
            throw new IllegalArgumentException("setData: the new data has shape " + java.util.Arrays.toString(
                other.shape) + " but this tensor has shape " + java.util.Arrays.toString(shape));
        }
        replaceData(other);
    }

    // ---- reading values out ---------------------------------------------------------------

    /** Storage index of the element at {@code idx} (one index per dim, negative allowed). */
    int storageIndex(int... idx) {
        if (idx.length != shape.length) {
            throw new IllegalArgumentException("expected " + shape.length + " indices for a tensor of shape "
                + Arrays.toString(shape) + ", got " + idx.length);
        }
        int p = offset;
        for (int d = 0; d < idx.length; d++) {
            int i = idx[d] < 0 ? idx[d] + shape[d] : idx[d];
            if (i < 0 || i >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + idx[d] + " is out of bounds for dimension " + d
                    + " with size " + shape[d]);
            }
            p += i * strides[d];
        }
        return p;
    }

    /** The value of a one-element tensor, as torch's {@code item()}. */
    public double item() {
        if (numel() != 1) {
            throw new IllegalStateException("a Tensor with " + numel() + " elements cannot be converted to Scalar "
                + "(item() needs exactly one element; shape " + Arrays.toString(shape) + "). Index or reduce first.");
        }
        return storage.getDouble(firstIndex());
    }

    /** item() for integral tensors, exact beyond 2^53. */
    public long longItem() {
        if (numel() != 1) {
            throw new IllegalStateException("a Tensor with " + numel() + " elements cannot be converted to Scalar");
        }
        return storage.getLong(firstIndex());
    }

    private int firstIndex() {
        return offset;
    }

    /** The element at {@code idx} as a double (one index per dimension). */
    public double getDouble(int... idx) {
        return storage.getDouble(storageIndex(idx));
    }

    public long getLong(int... idx) {
        return storage.getLong(storageIndex(idx));
    }

    /** Row-major copy of the elements as float32 values (from any device). */
    public float[] toFloatArray() {
        return (float[]) hostCopy(DType.FLOAT32).storage.array();
    }

    public double[] toDoubleArray() {
        return (double[]) hostCopy(DType.FLOAT64).storage.array();
    }

    public long[] toLongArray() {
        return (long[]) hostCopy(DType.INT64).storage.array();
    }

    public int[] toIntArray() {
        return (int[]) hostCopy(DType.INT32).storage.array();
    }

    /** Row-major copy as booleans (non-zero is true). */
    public boolean[] toBooleanArray() {
        byte[] b = (byte[]) hostCopy(DType.BOOL).storage.array();
        boolean[] out = new boolean[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] != 0;
        }
        return out;
    }

    /** A fresh contiguous tensor of this one's values in {@code dtype}, on its device (never shares storage). */
    Tensor contiguousCopy(DType dtype) {
        Tensor out = Tensor.empty(dtype, device, shape.clone());
        backend().copy(self(), out);
        return out;
    }

    /** A fresh contiguous CPU tensor of this one's values in {@code dtype}. */
    private Tensor hostCopy(DType dtype) {
        if (device.isCpu()) {
            return contiguousCopy(dtype);
        }
        Tensor onHost = Transfers.copyTo(contiguousCopy(dtype), Device.CPU);
        return onHost;
    }

    /**
     * Nested Java lists of numbers (Double for floats, Long for integers, Boolean for
     * bool), like torch's {@code tolist()}; a 0-d tensor gives the number itself.
     */
    public Object toList() {
        if (!device.isCpu()) {
            return Transfers.copyTo(self(), Device.CPU).toList();
        }
        return toList(0, offset);
    }

    private Object toList(int d, int pos) {
        if (d == shape.length) {
            switch (dtype()) {
                case FLOAT32: case FLOAT64: return storage.getDouble(pos);
                case BOOL: return storage.getLong(pos) != 0;
                default: return storage.getLong(pos);
            }
        }
        List<Object> l = new ArrayList<>(shape[d]);
        for (int i = 0; i < shape[d]; i++) {
            l.add(toList(d + 1, pos + i * strides[d]));
        }
        return l;
    }

    /** Nested double arrays for a 2-D tensor (rows of the matrix). */
    public double[][] toDoubleArray2d() {
        if (shape.length != 2) {
            throw new IllegalArgumentException("toDoubleArray2d needs a 2-D tensor, got shape " + Arrays.toString(shape));
        }
        double[] flat = toDoubleArray();
        double[][] out = new double[shape[0]][];
        for (int i = 0; i < shape[0]; i++) {
            out[i] = Arrays.copyOfRange(flat, i * shape[1], (i + 1) * shape[1]);
        }
        return out;
    }

    @Override
    public String toString() {
        return TensorFormat.format(self());
    }
}
