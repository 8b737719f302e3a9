package org.workbook.backend.cpu;

import org.workbook.tensor.DType;
import org.workbook.tensor.Storage;
import org.workbook.tensor.Tensor;

/** Strided copies with dtype conversion, fills, and masked copies. */
final class Copy {
    private Copy() { }

    static void copy(Tensor src, Tensor dst) {
        Kernel k = fastKernel(src.dtype(), dst.dtype());
        if (k != null) {
            CpuBackend.run3(k, dst, src, null);
            return;
        }
        // Rare conversions go element by element through the storages' converting accessors.
        Storage s = src.storage();
        Storage d = dst.storage();
        boolean viaDouble = src.dtype().isFloatingPoint() || dst.dtype().isFloatingPoint();
        StridedLoop.forEach(dst.shapeArray(), dst.strideArray(), dst.offset(), src.strideArray(), src.offset(),
            null, 0, (o0, s0, o1, s1, o2, s2, n) -> {
                for (int i = 0; i < n; i++) {
                    if (viaDouble) {
                        d.setDouble(o0 + i * s0, s.getDouble(o1 + i * s1));
                    } else {
                        d.setLong(o0 + i * s0, s.getLong(o1 + i * s1));
                    }
                }
            });
    }

    /** A dedicated loop for same-type copies and the common casts; null for the rest. */
    private static Kernel fastKernel(DType from, DType to) {
        if (from == to) {
            switch (from) {
                case FLOAT32: return (a, ao, as, b, bo, bs, o, oo, os, n) -> {
                    float[] x = (float[]) a;
                    float[] z = (float[]) o;
                    if (as == 1 && os == 1) {
                        System.arraycopy(x, ao, z, oo, n);
                    } else {
                        for (int i = 0; i < n; i++) { z[oo + i * os] = x[ao + i * as]; }
                    }
                };
                case FLOAT64: return (a, ao, as, b, bo, bs, o, oo, os, n) -> {
                    double[] x = (double[]) a;
                    double[] z = (double[]) o;
                    if (as == 1 && os == 1) {
                        System.arraycopy(x, ao, z, oo, n);
                    } else {
                        for (int i = 0; i < n; i++) { z[oo + i * os] = x[ao + i * as]; }
                    }
                };
                case INT64: return (a, ao, as, b, bo, bs, o, oo, os, n) -> {
                    long[] x = (long[]) a;
                    long[] z = (long[]) o;
                    for (int i = 0; i < n; i++) { z[oo + i * os] = x[ao + i * as]; }
                };
                case INT32: return (a, ao, as, b, bo, bs, o, oo, os, n) -> {
                    int[] x = (int[]) a;
                    int[] z = (int[]) o;
                    for (int i = 0; i < n; i++) { z[oo + i * os] = x[ao + i * as]; }
                };
                default: return (a, ao, as, b, bo, bs, o, oo, os, n) -> {
                    byte[] x = (byte[]) a;
                    byte[] z = (byte[]) o;
                    for (int i = 0; i < n; i++) { z[oo + i * os] = x[ao + i * as]; }
                };
            }
        }
        if (to == DType.FLOAT32 && from == DType.UINT8) {
            return (a, ao, as, b, bo, bs, o, oo, os, n) -> {
                byte[] x = (byte[]) a;
                float[] z = (float[]) o;
                for (int i = 0; i < n; i++) { z[oo + i * os] = x[ao + i * as] & 0xff; }
            };
        }
        if (to == DType.FLOAT32 && from == DType.FLOAT64) {
            return (a, ao, as, b, bo, bs, o, oo, os, n) -> {
                double[] x = (double[]) a;
                float[] z = (float[]) o;
                for (int i = 0; i < n; i++) { z[oo + i * os] = (float) x[ao + i * as]; }
            };
        }
        if (to == DType.INT64 && (from == DType.BOOL || from == DType.UINT8)) {
            // bool operands of comparisons and logical ops compute in int64 (a relu backward's logicalNot)
            return (a, ao, as, b, bo, bs, o, oo, os, n) -> {
                byte[] x = (byte[]) a;
                long[] z = (long[]) o;
                for (int i = 0; i < n; i++) { z[oo + i * os] = x[ao + i * as] & 0xff; }
            };
        }
        if (to == DType.FLOAT64 && from == DType.FLOAT32) {
            return (a, ao, as, b, bo, bs, o, oo, os, n) -> {
                float[] x = (float[]) a;
                double[] z = (double[]) o;
                for (int i = 0; i < n; i++) { z[oo + i * os] = x[ao + i * as]; }
            };
        }
        return null;
    }

    static void fill(Tensor dst, double value) {
        Storage s = dst.storage();
        Object arr = s.array();
        Kernel k;
        switch (dst.dtype()) {
            case FLOAT32: {
                float v = (float) value;
                k = (a, ao, as, b, bo, bs, o, oo, os, n) -> {
                    float[] z = (float[]) o;
                    for (int i = 0; i < n; i++) { z[oo + i * os] = v; }
                };
                break;
            }
            case FLOAT64:
                k = (a, ao, as, b, bo, bs, o, oo, os, n) -> {
                    double[] z = (double[]) o;
                    for (int i = 0; i < n; i++) { z[oo + i * os] = value; }
                };
                break;
            default: {
                Storage one = Storage.allocate(dst.dtype(), 1);
                one.setDouble(0, value);
                k = (a, ao, as, b, bo, bs, o, oo, os, n) -> {
                    for (int i = 0; i < n; i++) { s.setLong(oo + i * os, one.getLong(0)); }
                };
            }
        }
        StridedLoop.forEach(dst.shapeArray(), dst.strideArray(), dst.offset(), dst.strideArray(), dst.offset(),
            null, 0, (o0, s0, o1, s1, o2, s2, n) -> k.run(arr, o1, s1, null, 0, 0, arr, o0, s0, n));
    }

    /**
     * out[i] = src[i] where mask[i]; mask is bool, src and out of one dtype, all of out's shape.
     * float32 and float64 merge bit patterns under an all-ones/all-zeros mask instead of branching:
     * where() runs under every relu/clamp/max backward, whose masks are coin flips a branch predictor
     * keeps missing.
     */
    static void maskedCopy(Tensor mask, Tensor src, Tensor out) {
        Storage so = out.storage();
        Storage ss = src.storage();
        byte[] m = mask.storage().bytes();
        StridedLoop.Run run;
        switch (out.dtype()) {
            case FLOAT32: {
                float[] o = so.floats();
                float[] a = ss.floats();
                run = (o0, s0, o1, s1, o2, s2, n) -> {
                    for (int i = 0; i < n; i++) {
                        int keep = selectMask(m[o2 + i * s2]);
                        int bits = Float.floatToRawIntBits(a[o1 + i * s1]) & keep
                            | Float.floatToRawIntBits(o[o0 + i * s0]) & ~keep;
                        o[o0 + i * s0] = Float.intBitsToFloat(bits);
                    }
                };
                break;
            }
            case FLOAT64: {
                double[] o = so.doubles();
                double[] a = ss.doubles();
                run = (o0, s0, o1, s1, o2, s2, n) -> {
                    for (int i = 0; i < n; i++) {
                        long keep = selectMask(m[o2 + i * s2]);
                        long bits = Double.doubleToRawLongBits(a[o1 + i * s1]) & keep
                            | Double.doubleToRawLongBits(o[o0 + i * s0]) & ~keep;
                        o[o0 + i * s0] = Double.longBitsToDouble(bits);
                    }
                };
                break;
            }
            default: {
                boolean fl = out.dtype().isFloatingPoint();
                run = (o0, s0, o1, s1, o2, s2, n) -> {
                    for (int i = 0; i < n; i++) {
                        if (m[o2 + i * s2] != 0) {
                            if (fl) {
                                so.setDouble(o0 + i * s0, ss.getDouble(o1 + i * s1));
                            } else {
                                so.setLong(o0 + i * s0, ss.getLong(o1 + i * s1));
                            }
                        }
                    }
                };
            }
        }
        StridedLoop.forEach(out.shapeArray(), out.strideArray(), out.offset(), src.strideArray(), src.offset(),
            mask.strideArray(), mask.offset(), run);
    }

    /** -1 (all bits set) for a nonzero mask byte, else 0, without a branch. */
    private static int selectMask(byte v) {
        return -((v | -v) >>> 31);
    }
}
