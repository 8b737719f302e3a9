package org.workbook.learn;

/** fastai's one-cycle learning rate: warm up for 25 % of training, then cosine-anneal. */
final class OneCycle {
    static final double PCT_START = 0.25;
    static final double DIV = 25;
    static final double DIV_FINAL = 1e5;

    private OneCycle() { }

    /** The learning rate at fraction {@code pos} (0..1) of training. */
    static double lr(double pos, double lrMax) {
        double start = lrMax / DIV;
        double end = lrMax / DIV_FINAL;
        if (pos < PCT_START) {
            return cos(start, lrMax, pos / PCT_START);
        }
        return cos(lrMax, end, (pos - PCT_START) / (1 - PCT_START));
    }

    private static double cos(double from, double to, double p) {
        return to + (from - to) / 2 * (1 + Math.cos(Math.PI * Math.min(1, Math.max(0, p))));
    }
}
