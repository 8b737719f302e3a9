package org.workbook.plot;

import java.util.ArrayList;
import java.util.List;
import org.workbook.tensor.Tensor;

/** Numbers out of tensors for plotting, with errors that say which shape was wrong. */
final class TensorData {
    private TensorData() { }

    /** x and y of a series: any shapes (e.g. {@code x[:, None]}) with the same number of values. */
    static double[][] pair(Tensor x, Tensor y, String what) {
        if (x == null || y == null) {
            throw new IllegalArgumentException(what + ": x and y must both be tensors, got " + (x == null ? "x" : "y") + " = null");
        }
        if (x.numel() != y.numel()) {
            throw new IllegalArgumentException(what + ": x has shape " + x.shape() + " (" + x.numel()
                    + " values) but y has shape " + y.shape() + " (" + y.numel() + " values): give one y per x");
        }
        return new double[][] {x.toDoubleArray(), y.toDoubleArray()};
    }

    /** 0, 1, ..., n-1. */
    static double[] range(int n) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    /**
     * Copies of x and y with infinities turned into gaps (NaN), which XChart skips;
     * refuses series XChart cannot draw at all.
     */
    static double[][] clean(double[] x, double[] y, String what) {
        if (x == null || y == null) {
            throw new IllegalArgumentException(what + ": x and y must both be given, got " + (x == null ? "x" : "y") + " = null");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException(what + ": x has " + x.length + " values but y has " + y.length
                    + ": give one y per x");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException(what + ": x and y are empty: there is nothing to draw");
        }
        double[] cx = new double[x.length];
        double[] cy = new double[y.length];
        boolean any = false;
        for (int i = 0; i < x.length; i++) {
            cx[i] = Double.isFinite(x[i]) ? x[i] : Double.NaN;
            cy[i] = Double.isFinite(y[i]) ? y[i] : Double.NaN;
            any |= !Double.isNaN(cx[i]) && !Double.isNaN(cy[i]);
        }
        if (!any) {
            throw new IllegalArgumentException(what + ": every point has a NaN or infinite coordinate: there is nothing to draw"
                    + " (did a loss or a step size blow up?)");
        }
        return new double[][] {cx, cy};
    }

    /**
     * The image in a tensor: {@code [H, W]} or {@code [1, H, W]} / {@code [H, W, 1]}
     * as grey levels (any range), {@code [3, H, W]} / {@code [H, W, 3]} as RGB (floats in
     * 0..1, integers in 0..255, clipped like matplotlib).
     */
    static ImageData image(Tensor t) {
        if (t == null) {
            throw new IllegalArgumentException("showImage: the tensor is null");
        }
        int[] s = t.shape().toArray();
        if (s.length == 2) {
            return ImageData.grey(t.toDoubleArray(), s[0], s[1]);
        }
        if (s.length == 3 && s[0] == 1) {
            return ImageData.grey(t.toDoubleArray(), s[1], s[2]);
        }
        if (s.length == 3 && s[2] == 1) {
            return ImageData.grey(t.toDoubleArray(), s[0], s[1]);
        }
        if (s.length == 3 && (s[0] == 3 || s[2] == 3)) {
            boolean channelsFirst = s[0] == 3;
            int h = channelsFirst ? s[1] : s[0];
            int w = channelsFirst ? s[2] : s[1];
            double[] d = t.toDoubleArray();
            double scale = isInteger(t) ? 1.0 : 255.0;
            int[] px = new int[h * w];
            for (int i = 0; i < h * w; i++) {
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    double v = channelsFirst ? d[c * h * w + i] : d[i * 3 + c];
                    int b = (int) Math.round(Math.max(0, Math.min(255, v * scale)));
                    rgb = (rgb << 8) | (Double.isNaN(v) ? 255 : b);
                }
                px[i] = rgb;
            }
            return ImageData.rgb(px, h, w);
        }
        String hint = s.length == 1
                ? ": it is flat; reshape it first, e.g. t.view(28, 28)"
                : s.length == 3
                ? ": for several images use showImages(t, rows, titles); for one, pick it with t.get(\"0\")"
                : ": pick one image out of it first";
        throw new IllegalArgumentException("showImage needs an image tensor [H, W] (or [1, H, W], or colour [3, H, W] /"
                + " [H, W, 3]); got shape " + t.shape() + hint);
    }

    static boolean isInteger(Tensor t) {
        String d = t.dtype().name();
        return d.startsWith("INT") || d.startsWith("UINT") || d.equals("BOOL");
    }

    /** The images along dim 0 of a batch {@code [N, ...]}. */
    static List<Tensor> split(Tensor batch) {
        if (batch.ndim() < 3) {
            throw new IllegalArgumentException("showImages wants a batch of images [N, H, W] or a list of [H, W] tensors;"
                    + " got shape " + batch.shape() + (batch.ndim() == 2 ? ": for one image use showImage(t)" : ""));
        }
        List<Tensor> l = new ArrayList<>(batch.size(0));
        for (int i = 0; i < batch.size(0); i++) {
            l.add(batch.get(i));
        }
        return l;
    }

    /** Titles from a tensor of labels: integers as they are, other numbers as Java writes floats. */
    static List<String> labels(Tensor t) {
        List<String> l = new ArrayList<>(t.numel());
        if (isInteger(t) && !t.dtype().name().equals("BOOL")) {
            for (long v : t.toLongArray()) {
                l.add(Long.toString(v));
            }
        } else {
            for (double v : t.toDoubleArray()) {
                l.add(t.dtype().name().equals("BOOL") ? (v != 0 ? "True" : "False") : Float.toString((float) v));
            }
        }
        return l;
    }
}
