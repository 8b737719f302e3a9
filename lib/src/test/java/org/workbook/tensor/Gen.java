package org.workbook.tensor;

import java.util.Arrays;
import java.util.Random;

/**
 * Seeded random shapes and tensors for the property tests: shapes with 0- and
 * 1-sized dims, values in every dtype, and the same logical tensor laid out in
 * many ways (contiguous, transposed, stepped slices, reversed with negative
 * strides, expanded with stride 0, at an offset), each built through the real
 * view operations so those are exercised too.
 */
public final class Gen {
    /** How a generated tensor sits in its storage. */
    public enum Layout { CONTIGUOUS, TRANSPOSED, STEPPED, REVERSED, EXPANDED, OFFSET, MIXED }

    /** Layouts whose elements are distinct memory locations (safe targets of in-place ops). */
    public static final Layout[] WRITABLE = {Layout.CONTIGUOUS, Layout.TRANSPOSED, Layout.STEPPED, Layout.REVERSED,
        Layout.OFFSET, Layout.MIXED};

    public final Random rnd;
    /** When set, floating values are multiples of 0.5 in [-2, 2], so ties and repeats are common. */
    public boolean coarse;

    public Gen(long seed) {
        rnd = new Random(seed);
    }

    /** A shape of rank in [minRank, maxRank], sizes 0..4 (0 now and then, 1 often). */
    public int[] shape(int minRank, int maxRank) {
        int rank = minRank + rnd.nextInt(maxRank - minRank + 1);
        int[] s = new int[rank];
        for (int i = 0; i < rank; i++) {
            s[i] = size();
        }
        return s;
    }

    /** One dimension size: 0 (8%), 1 (25%), else 2..4. */
    public int size() {
        int p = rnd.nextInt(100);
        return p < 8 ? 0 : p < 33 ? 1 : 2 + rnd.nextInt(3);
    }

    /** A shape that broadcasts with {@code s}: some leading dims dropped, some dims set to 1, maybe extra dims. */
    public int[] partner(int[] s) {
        int drop = rnd.nextInt(s.length + 1);
        int[] p = Arrays.copyOfRange(s, drop, s.length);
        for (int i = 0; i < p.length; i++) {
            if (rnd.nextInt(3) == 0) {
                p[i] = 1;
            }
        }
        if (drop == 0 && rnd.nextInt(4) == 0) {
            int[] q = new int[p.length + 1];
            q[0] = 1 + rnd.nextInt(3);
            System.arraycopy(p, 0, q, 1, p.length);
            p = q;
        }
        return p;
    }

    public Layout layout() {
        Layout[] all = Layout.values();
        return all[rnd.nextInt(all.length)];
    }

    public Layout writableLayout() {
        return WRITABLE[rnd.nextInt(WRITABLE.length)];
    }

    /** A random value for dtype: floats in [-3, 3), ints in [-9, 9], bools, uint8 0..255. */
    public double value(DType dt) {
        if (coarse && dt.isFloatingPoint()) {
            return (rnd.nextInt(9) - 4) / 2.0;
        }
        switch (dt) {
            case FLOAT32: return (float) (rnd.nextDouble() * 6 - 3);
            case FLOAT64: return rnd.nextDouble() * 6 - 3;
            case BOOL: return rnd.nextBoolean() ? 1 : 0;
            case UINT8: return rnd.nextInt(256);
            default: return rnd.nextInt(19) - 9;
        }
    }

    /** A tensor of the given dtype and shape with random values in a random layout. */
    public Tensor tensor(DType dt, int... shape) {
        return tensor(dt, layout(), shape);
    }

    /** A tensor whose elements are distinct memory locations (for in-place ops). */
    public Tensor writable(DType dt, int... shape) {
        return tensor(dt, writableLayout(), shape);
    }

    public Tensor tensor(DType dt, Layout layout, int... shape) {
        int n = shape.length;
        switch (layout) {
            case CONTIGUOUS:
                return filled(dt, shape);
            case TRANSPOSED: {
                if (n < 2) {
                    return tensor(dt, Layout.STEPPED, shape);
                }
                int[] q = permutation(n);
                int[] bs = new int[n];
                for (int k = 0; k < n; k++) {
                    bs[k] = shape[q[k]];
                }
                int[] inv = new int[n];
                for (int k = 0; k < n; k++) {
                    inv[q[k]] = k;
                }
                return filled(dt, bs).permute(inv);
            }
            case STEPPED: {
                int[] step = new int[n];
                int[] start = new int[n];
                int[] bs = new int[n];
                for (int d = 0; d < n; d++) {
                    step[d] = 1 + rnd.nextInt(3);
                    start[d] = rnd.nextInt(2);
                    bs[d] = start[d] + shape[d] * step[d] + rnd.nextInt(2);
                }
                Tensor t = filled(dt, bs);
                for (int d = 0; d < n; d++) {
                    t = t.slice(d, Slice.of(start[d], start[d] + shape[d] * step[d], step[d]));
                }
                return t;
            }
            case REVERSED: {
                int[] step = new int[n];
                int[] bs = new int[n];
                for (int d = 0; d < n; d++) {
                    step[d] = rnd.nextBoolean() ? -1 : -2;
                    bs[d] = shape[d] * -step[d];
                }
                // Negative strides: torch's slicing refuses negative steps, but backends still meet such
                // layouts (as_strided, numpy-made arrays), so they are built directly over the storage.
                Tensor t = filled(dt, bs);
                int[] strides = new int[n];
                int offset = 0;
                int[] base = t.strideArray();
                for (int d = 0; d < n; d++) {
                    strides[d] = base[d] * step[d];
                    offset += Math.max(0, bs[d] - 1) * base[d];
                }
                return n == 0 ? t : Tensor.asStrided(t, shape.clone(), strides, offset);
            }
            case EXPANDED: {
                int[] bs = shape.clone();
                int lead = n == 0 ? 0 : rnd.nextInt(n + 1);
                for (int d = 0; d < n; d++) {
                    if (rnd.nextInt(3) == 0) {
                        bs[d] = 1;
                    }
                }
                return filled(dt, Arrays.copyOfRange(bs, lead, n)).expand(shape);
            }
            case OFFSET: {
                int[] bs = new int[n + 1];
                bs[0] = 3;
                System.arraycopy(shape, 0, bs, 1, n);
                return filled(dt, bs).select(0, 1 + rnd.nextInt(2));
            }
            default: {
                // A transposed view of a stepped, reversed slice: every stride differs from the contiguous ones.
                if (n < 2) {
                    return tensor(dt, Layout.REVERSED, shape);
                }
                int[] bs = shape.clone();
                int a = rnd.nextInt(n);
                int b = (a + 1 + rnd.nextInt(n - 1)) % n;
                bs[a] = shape[b];
                bs[b] = shape[a];
                Tensor t = tensor(dt, rnd.nextBoolean() ? Layout.STEPPED : Layout.REVERSED, bs);
                return t.transpose(a, b);
            }
        }
    }

    private int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** A contiguous tensor of random values, written through the storage (not through any op). */
    public Tensor filled(DType dt, int... shape) {
        Tensor t = Tensor.empty(dt, shape);
        Storage s = t.storage();
        for (int i = 0; i < s.length(); i++) {
            s.setDouble(i, value(dt));
        }
        return t;
    }

    /** Shape, strides and offset, for assertion messages. */
    public static String describe(Tensor t) {
        return t.dtype() + Arrays.toString(t.shapeArray()) + " strides " + Arrays.toString(t.strideArray())
            + " offset " + t.offset();
    }
}
