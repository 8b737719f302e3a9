package org.workbook.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.workbook.autograd.GradMode;
import org.workbook.backend.FusedKernels;
import org.workbook.random.Generator;

/**
 * Factories, meant for {@code import static org.workbook.tensor.Tensors.*;}, named
 * as torch's: tensor, zeros, ones, full, arange, linspace, eye, randn, rand,
 * randint, randperm, manualSeed, stack, cat, where, noGrad.
 *
 * <pre>{@code
 * jshell> tensor(1, 2, 3)                  // ints: int64
 * $1 ==> tensor([1, 2, 3])
 * jshell> tensor(1.1, 1.1, 1.1)            // doubles: float32, torch's default
 * $2 ==> tensor([1.1000, 1.1000, 1.1000])
 * jshell> tensor(3.0)                      // one number: a 0-d tensor
 * $3 ==> tensor(3.)
 * jshell> linspace(-2, 2, 5)
 * $4 ==> tensor([-2., -1.,  0.,  1.,  2.])
 * }</pre>
 */
public final class Tensors {
    private Tensors() { }

    // ---- from values --------------------------------------------------------------------------

    /** A 0-d float32 tensor (torch.tensor(3.)). */
    public static Tensor tensor(double v) { return fromArray(new float[] {(float) v}); }
    /** A 1-d float32 tensor. */
    public static Tensor tensor(double... v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return fromArray(f, v.length);
    }
    public static Tensor tensor(float... v) { return fromArray(v.clone(), v.length); }
    /** A 0-d int64 tensor. */
    public static Tensor tensor(int v) { return fromArray(new long[] {v}); }
    /** A 1-d int64 tensor. */
    public static Tensor tensor(int... v) { return fromArray(Arrays.stream(v).asLongStream().toArray(), v.length); }
    /**
     * A 0-d int64 tensor. Without this overload {@code tensor(5L)} would resolve to tensor(double)
     * (widening beats varargs in Java) and give a float32, losing digits past 2^24.
     */
    public static Tensor tensor(long v) { return fromArray(new long[] {v}); }
    public static Tensor tensor(long... v) { return fromArray(v.clone(), v.length); }
    public static Tensor tensor(boolean... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) (v[i] ? 1 : 0);
        }
        return new Tensor(Storage.of(b, DType.BOOL), new int[] {v.length}, new int[] {1}, 0, Device.CPU);
    }
    /** Values in an explicit dtype: {@code tensor(FLOAT64, 1.1, 2.2)}. */
    public static Tensor tensor(DType dtype, double... v) { return fromArray(v.clone(), v.length).to(dtype); }

    public static Tensor tensor(double[][] rows) { return fromNested(rows, DType.FLOAT32); }
    public static Tensor tensor(float[][] rows) { return fromNested(rows, DType.FLOAT32); }
    public static Tensor tensor(int[][] rows) { return fromNested(rows, DType.INT64); }
    public static Tensor tensor(long[][] rows) { return fromNested(rows, DType.INT64); }
    public static Tensor tensor(double[][][] v) { return fromNested(v, DType.FLOAT32); }
    public static Tensor tensor(int[][][] v) { return fromNested(v, DType.INT64); }

    /** Nested lists of numbers (or booleans); integers give int64, any floating value float32. */
    public static Tensor tensor(List<?> nested) {
        return fromNested(nested, null);
    }

    /** Nested arrays or lists, checked to be rectangular. */
    private static Tensor fromNested(Object nested, DType dtype) {
        List<Integer> shape = new ArrayList<>();
        Object o = nested;
        while (o != null && (o.getClass().isArray() || o instanceof List)) {
            int n = o instanceof List<?> l ? l.size() : java.lang.reflect.Array.getLength(o);
            shape.add(n);
            o = n == 0 ? null : (o instanceof List<?> l ? l.get(0) : java.lang.reflect.Array.get(o, 0));
        }
        int[] dims = shape.stream().mapToInt(Integer::intValue).toArray();
        List<Object> flat = new ArrayList<>();
        flatten(nested, dims, 0, flat, "");
        DType dt = dtype;
        if (dt == null && flat.isEmpty()) {
            dt = DType.FLOAT32; // torch.tensor([]) is float32: with no values, the default type
        } else if (dt == null) {
            dt = DType.INT64;
            boolean allBool = !flat.isEmpty();
            for (Object v : flat) {
                allBool &= v instanceof Boolean;
                if (v instanceof Double || v instanceof Float) {
                    dt = DType.FLOAT32;
                }
            }
            if (allBool) {
                dt = DType.BOOL;
            }
        }
        Tensor t = Tensor.empty(dt, dims);
        for (int i = 0; i < flat.size(); i++) {
            Object v = flat.get(i);
            if (v instanceof Boolean b) {
                t.storage.setLong(i, b ? 1 : 0);
            } else if (v instanceof Number num) {
                if (dt.isFloatingPoint()) {
                    t.storage.setDouble(i, num.doubleValue());
                } else {
                    t.storage.setLong(i, num.longValue());
                }
            } else {
                throw new IllegalArgumentException("tensor(): element " + i + " is " + v + " ("
                    + (v == null ? "null" : v.getClass().getSimpleName()) + "), expected a number or boolean");
            }
        }
        return t;
    }

    private static void flatten(Object o, int[] dims, int d, List<Object> out, String path) {
        if (d == dims.length) {
            if (o != null && (o.getClass().isArray() || o instanceof List)) {
                throw new IllegalArgumentException("tensor(): too deep at " + path + ": expected a number");
            }
            out.add(o);
            return;
        }
        if (o == null || !(o.getClass().isArray() || o instanceof List)) {
            throw new IllegalArgumentException("tensor(): expected a sequence at " + (path.isEmpty() ? "the top" : path)
                + " but found " + o);
        }
        int n = o instanceof List<?> l ? l.size() : java.lang.reflect.Array.getLength(o);
        if (n != dims[d]) {
            throw new IllegalArgumentException("tensor(): expected sequence of length " + dims[d] + " at dim " + d
                + " (got " + n + " at " + (path.isEmpty() ? "the top" : path) + "): rows must all have the same length");
        }
        for (int i = 0; i < n; i++) {
            Object c = o instanceof List<?> l ? l.get(i) : java.lang.reflect.Array.get(o, i);
            flatten(c, dims, d + 1, out, path + "[" + i + "]");
        }
    }

    // ---- sharing Java arrays ----------------------------------------------------------------

    /** A float32 tensor over {@code data} (shared, not copied); no shape means 1-d (0-d for a single value). */
    public static Tensor fromArray(float[] data, int... shape) { return wrapArray(Storage.of(data), shape); }
    public static Tensor fromArray(double[] data, int... shape) { return wrapArray(Storage.of(data), shape); }
    public static Tensor fromArray(long[] data, int... shape) { return wrapArray(Storage.of(data), shape); }
    public static Tensor fromArray(int[] data, int... shape) { return wrapArray(Storage.of(data), shape); }
    /** A uint8 tensor over bytes read as 0..255 (image pixels), shared. */
    public static Tensor fromUint8(byte[] data, int... shape) { return wrapArray(Storage.of(data, DType.UINT8), shape); }

    private static Tensor wrapArray(Storage s, int[] shape) {
        if (shape.length == 0 && s.length() != 1) {
            shape = new int[] {s.length()}; // no shape: a vector (one value with no shape is a 0-d tensor)
        }
        Shape.of(shape);
        if (Shapes.numel(shape) != s.length()) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + Shapes.numel(shape)
                + " elements but the array has " + s.length());
        }
        return new Tensor(s, shape.clone(), Shapes.contiguousStrides(shape), 0, Device.CPU);
    }

    // ---- filled -------------------------------------------------------------------------------

    public static Tensor zeros(int... shape) { return Tensor.empty(DType.FLOAT32, shape); }
    public static Tensor zeros(DType dtype, int... shape) { return Tensor.empty(dtype, shape); }
    public static Tensor ones(int... shape) { return full(shape, 1.0); }
    public static Tensor ones(DType dtype, int... shape) { return full(dtype, shape, 1); }
    /** A Python float fill value: float32, as torch.full. */
    public static Tensor full(int[] shape, double value) { return full(DType.FLOAT32, shape, value); }
    /** A Python int fill value: int64, as torch.full. */
    public static Tensor full(int[] shape, long value) { return full(DType.INT64, shape, value); }
    public static Tensor full(DType dtype, int[] shape, double value) {
        Tensor t = Tensor.empty(dtype, shape);
        t.backend().fill(t, value);
        return t;
    }
    public static Tensor zerosLike(Tensor t) { return Tensor.zeros(t.dtype(), t.device(), t.shapeArray()); }
    public static Tensor onesLike(Tensor t) { return Tensor.onesLike(t); }
    public static Tensor fullLike(Tensor t, double v) { return full(t.dtype(), t.shapeArray(), v); }
    public static Tensor emptyLike(Tensor t) { return Tensor.empty(t.dtype(), t.device(), t.shapeArray()); }

    /** The identity matrix. */
    public static Tensor eye(int n) { return eye(n, n); }
    public static Tensor eye(int n, int m) {
        Tensor t = zeros(n, m);
        for (int i = 0; i < Math.min(n, m); i++) {
            t.storage.floats()[i * m + i] = 1;
        }
        return t;
    }

    // ---- ranges -------------------------------------------------------------------------------

    /** 0, 1, ..., end-1 as int64. */
    public static Tensor arange(int end) { return arange(0, end, 1); }
    public static Tensor arange(int start, int end) { return arange(start, end, 1); }
    public static Tensor arange(int start, int end, int step) {
        checkRange(start, end, step);
        int n = Math.max(0, (int) Math.ceil((end - start) / (double) step));
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = start + (long) i * step;
        }
        return fromArray(v, n);
    }
    /**
     * A float32 range, as torch.arange with a float argument, bit for bit: torch (1.13, AVX2) fills
     * 8-lane vectors in pairs, each lane being (float) (base + j * step) from the float32 base of its
     * vector, and only the last n % 16 elements from start + step * i directly.
     */
    public static Tensor arange(double start, double end, double step) {
        checkRange(start, end, step);
        int n = Math.max(0, (int) Math.ceil((end - start) / step));
        float[] v = new float[n];
        int i = 0;
        for (; i <= n - 2 * LANES; i += 2 * LANES) { // two vectors per step, as torch's vectorized loop
            for (int k = i; k < i + 2 * LANES; k += LANES) {
                float base = (float) (start + step * k);
                for (int j = 0; j < LANES; j++) {
                    v[k + j] = (float) (base + j * step);
                }
            }
        }
        for (; i < n; i++) {
            v[i] = (float) (start + step * i);
        }
        return fromArray(v, n);
    }

    /** torch's checks of a range's arguments, with its words. */
    private static void checkRange(double start, double end, double step) {
        if (step == 0) {
            throw new IllegalArgumentException("step must be nonzero");
        }
        if ((step > 0 && end < start) || (step < 0 && end > start)) {
            throw new IllegalArgumentException("upper bound and larger bound inconsistent with step sign (arange("
                + start + ", " + end + ", " + step + ") counts away from its end)");
        }
    }

    /** Float lanes of torch's AVX2 vectors, whose arithmetic arange and linspace reproduce. */
    private static final int LANES = 8;

    /**
     * steps evenly spaced float32 values from start to end inclusive, bit for bit as torch 1.13's AVX2
     * kernel: the first half counts up from start, the second down from end; each 8-lane vector's base
     * is one fused multiply-add (the compiler contracts start + step * i), its lanes base + j * step in
     * float; the last steps % 16 values come from the fused formula alone. (Past 32768 values torch
     * splits the range over its threads, moving the vector boundaries; that is not reproduced.)
     */
    public static Tensor linspace(double start, double end, int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("linspace: number of steps must be non-negative, got " + steps);
        }
        float[] v = new float[steps];
        float s = (float) start;
        float e = (float) end;
        if (steps == 1) {
            v[0] = s;
        } else if (steps > 1) {
            float step = (e - s) / (steps - 1);
            int half = steps / 2;
            int i = 0;
            for (; i <= steps - 2 * LANES; i += 2 * LANES) { // two vectors per step, as torch's vectorized loop
                for (int k = i; k < i + 2 * LANES; k += LANES) {
                    float base = k < half ? Math.fma(step, (float) k, s) : Math.fma(-step, (float) (steps - k - 1), e);
                    for (int j = 0; j < LANES; j++) {
                        v[k + j] = base + j * step;
                    }
                }
            }
            for (; i < steps; i++) {
                v[i] = i < half ? Math.fma(step, (float) i, s) : Math.fma(-step, (float) (steps - i - 1), e);
            }
        }
        return fromArray(v, steps);
    }

    // ---- random -------------------------------------------------------------------------------

    /** Seeds the global generator, as torch.manual_seed. */
    public static void manualSeed(long seed) { Generator.global().manualSeed(seed); }

    /** Standard normal float32 values. */
    public static Tensor randn(int... shape) {
        Tensor t = zeros(shape);
        Generator.global().fillNormal(t.storage.floats(), 0, t.numel(), 0, 1);
        return t;
    }

    /** Uniform float32 values in [0, 1). */
    public static Tensor rand(int... shape) {
        Tensor t = zeros(shape);
        Generator.global().fillUniform(t.storage.floats(), 0, t.numel(), 0, 1);
        return t;
    }

    /**
     * Standard normal float32 values made on {@code device}. On a GPU they come from a
     * counter-based generator seeded from the global one, so manualSeed still makes runs
     * repeatable, but the values differ from the CPU's (as torch's do).
     */
    public static Tensor randn(Device device, int... shape) {
        return device.isCpu() ? randn(shape) : deviceRandom(device, true, shape);
    }

    /** Uniform [0, 1) float32 values made on {@code device} (see {@link #randn(Device, int...)}). */
    public static Tensor rand(Device device, int... shape) {
        return device.isCpu() ? rand(shape) : deviceRandom(device, false, shape);
    }

    private static Tensor deviceRandom(Device device, boolean normal, int... shape) {
        Tensor t = Tensor.empty(DType.FLOAT32, device, shape);
        long seed = Generator.global().randomLong(0, Long.MAX_VALUE);
        ((FusedKernels) t.backend()).random(t, normal, seed, 0, 0, 1);
        return t;
    }

    public static Tensor randnLike(Tensor t) { return randn(t.device(), t.shapeArray()).to(t.dtype()); }
    public static Tensor randLike(Tensor t) { return rand(t.device(), t.shapeArray()).to(t.dtype()); }

    /** Random int64 values in [low, high). */
    public static Tensor randint(long low, long high, int... shape) {
        if (low >= high) {
            throw new IllegalArgumentException("randint: low (" + low + ") must be less than high (" + high + ")");
        }
        Tensor t = Tensor.empty(DType.INT64, shape);
        Generator.global().fillRandint(t.storage.longs(), 0, t.numel(), low, high);
        return t;
    }

    /** A random permutation of 0..n-1. */
    public static Tensor randperm(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("randperm: n must be non-negative, got " + n);
        }
        long[] p = Generator.global().randperm(n);
        return fromArray(p, n);
    }

    // ---- joining, choosing, grad mode -------------------------------------------------------

    public static Tensor stack(List<Tensor> ts) { return Tensor.stack(ts, 0); }
    public static Tensor stack(List<Tensor> ts, int dim) { return Tensor.stack(ts, dim); }
    public static Tensor stack(Tensor... ts) { return Tensor.stack(Arrays.asList(ts), 0); }
    public static Tensor cat(List<Tensor> ts) { return Tensor.cat(ts, 0); }
    public static Tensor cat(List<Tensor> ts, int dim) { return Tensor.cat(ts, dim); }
    public static Tensor cat(Tensor... ts) { return Tensor.cat(Arrays.asList(ts), 0); }
    public static Tensor where(Tensor cond, Tensor a, Tensor b) { return Tensor.where(cond, a, b); }
    /** where with a Python float: an integer tensor's result becomes float32, as torch. */
    public static Tensor where(Tensor cond, Tensor a, double b) { return Tensor.where(cond, a, Tensor.wrap(b)); }
    public static Tensor where(Tensor cond, double a, Tensor b) { return Tensor.where(cond, Tensor.wrap(a), b); }
    /** where with a Python int: an integer tensor stays integral. */
    public static Tensor where(Tensor cond, Tensor a, long b) { return Tensor.where(cond, a, Tensor.wrapLong(b)); }
    public static Tensor where(Tensor cond, long a, Tensor b) { return Tensor.where(cond, Tensor.wrapLong(a), b); }

    /** {@code try (var g = noGrad()) { ... }}: nothing inside is recorded for autograd. */
    public static GradMode.Scope noGrad() { return GradMode.noGrad(); }
}
