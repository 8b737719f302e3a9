package org.workbook.tensor;

/**
 * A {@code start:stop:step} index; null parts take numpy's defaults. Negative
 * steps walk backwards (numpy allows them; torch does not), giving negative strides.
 *
 * <pre>{@code
 * jshell> arange(10).get(Slice.of(2, null, 3))      // x[2::3]
 * $1 ==> tensor([2, 5, 8])
 * }</pre>
 */
public record Slice(Integer start, Integer stop, Integer step) {
    public static final Slice ALL = new Slice(null, null, null);

    public Slice {
        if (step != null && step == 0) {
            throw new IllegalArgumentException("slice step cannot be zero");
        }
    }

    public static Slice of(Integer start, Integer stop) {
        return new Slice(start, stop, null);
    }

    public static Slice of(Integer start, Integer stop, Integer step) {
        return new Slice(start, stop, step);
    }

    /** The resolved (start, length, step) over a dimension of {@code size}, as Python's slice.indices. */
    public int[] resolve(int size) {
        int st = step == null ? 1 : step;
        int lo;
        int hi;
        if (st > 0) {
            lo = start == null ? 0 : clamp(start < 0 ? start + size : start, 0, size);
            hi = stop == null ? size : clamp(stop < 0 ? stop + size : stop, 0, size);
            return new int[] {lo, Math.max(0, (hi - lo + st - 1) / st), st};
        }
        lo = start == null ? size - 1 : clamp(start < 0 ? start + size : start, -1, size - 1);
        hi = stop == null ? -1 : clamp(stop < 0 ? stop + size : stop, -1, size - 1);
        return new int[] {lo, Math.max(0, (lo - hi + (-st) - 1) / (-st)), st};
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    @Override
    public String toString() {
        return (start == null ? "" : start) + ":" + (stop == null ? "" : stop) + (step == null ? "" : ":" + step);
    }
}
