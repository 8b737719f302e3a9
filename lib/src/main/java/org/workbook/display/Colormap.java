package org.workbook.display;

import java.util.Locale;

/**
 * The two grey colour maps the lessons use, built the way matplotlib builds them
 * (a 256-entry lookup table interpolated between the map's stops), so a shaded
 * table or an image looks like the book's.
 *
 * <ul>
 *   <li>{@link #GREYS}: matplotlib's {@code 'Greys'}: low values white, high values
 *       black; fastai's {@code show_image} and pandas' {@code background_gradient('Greys')}.</li>
 *   <li>{@link #GRAY}: matplotlib's {@code 'gray'}: low values black, high values white;
 *       the ML course's {@code plots(..., cmap='gray')}.</li>
 * </ul>
 *
 * <pre>{@code
 * jshell> Colormap.GREYS.hex(1.0)
 * $1 ==> "#000000"
 * jshell> Colormap.parse("gray").hex(0.0)
 * $2 ==> "#000000"
 * }</pre>
 */
public enum Colormap {
    /** ColorBrewer's 9-class Greys, as in matplotlib's {@code _Greys_data}. */
    GREYS(255, 240, 217, 189, 150, 115, 82, 37, 0),
    /** A straight ramp from black to white. */
    GRAY(0, 255);

    private static final int N = 256;
    private final int[] lut = new int[N];

    Colormap(int... stops) {
        // matplotlib's LinearSegmentedColormap: entry i is the map at i/(N-1),
        // linearly interpolated between evenly spaced stops.
        for (int i = 0; i < N; i++) {
            double pos = i / (double) (N - 1) * (stops.length - 1);
            int k = Math.min((int) pos, stops.length - 2);
            double f = pos - k;
            double level = (stops[k] + (stops[k + 1] - stops[k]) * f) / 255.0;
            int g = (int) Math.round(level * 255);
            lut[i] = (g << 16) | (g << 8) | g;
        }
    }

    /**
     * The map's {@code 0xRRGGBB} colour for {@code t} in 0..1 (clipped), picked from
     * the table the way matplotlib does ({@code int(t * 256)}, 1.0 to the last entry).
     * NaN gives white, like matplotlib's "bad" colour on a white page.
     */
    public int rgb(double t) {
        if (Double.isNaN(t)) {
            return 0xFFFFFF;
        }
        int i = (int) (Math.min(Math.max(t, 0.0), 1.0) * N);
        return lut[Math.min(i, N - 1)];
    }

    /** {@link #rgb} as CSS hex, {@code "#rrggbb"}. */
    public String hex(double t) {
        return String.format("#%06x", rgb(t));
    }

    /** matplotlib's name for this map. */
    public String mplName() {
        return this == GREYS ? "Greys" : "gray";
    }

    /**
     * The map named like matplotlib's ({@code "Greys"}, {@code "gray"}/{@code "grey"}),
     * ignoring case.
     *
     * @throws IllegalArgumentException naming the maps there are
     */
    public static Colormap parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "greys":
                return GREYS;
            case "gray":
            case "grey":
                return GRAY;
            default:
                throw new IllegalArgumentException("unknown colour map '" + name
                        + "': use \"Greys\" (white to black, fastai's default) or \"gray\" (black to white)");
        }
    }

    /**
     * WCAG relative luminance of a {@code 0xRRGGBB} colour, which pandas compares with
     * 0.408 to choose light or dark text on a shaded cell.
     */
    public static double luminance(int rgb) {
        double r = channel((rgb >> 16) & 0xFF);
        double g = channel((rgb >> 8) & 0xFF);
        double b = channel(rgb & 0xFF);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    }

    private static double channel(int c) {
        double x = c / 255.0;
        return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4);
    }
}
