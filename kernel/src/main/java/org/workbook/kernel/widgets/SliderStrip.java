package org.workbook.kernel.widgets;

import org.workbook.display.MimeBundle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The picture of an {@code interact} cell at several slider settings, for a
 * static slide deck: what moving the sliders would show, side by side. The
 * headless runner records it in the first picture's output metadata as
 * {@code {"workbook": {"slider_strip": [{"label", "values", "image/png"}...]}}};
 * the deck's template draws the strip, and every other front end ignores the
 * metadata and shows the first picture (in JupyterLab the sliders are live).
 *
 * <p>The settings come from the cell's {@code slider_strip} metadata, a list of
 * {@code {"slider name": value}} objects (sliders not named keep their initial
 * value); without it, the initial setting and the first slider at its minimum,
 * middle and maximum.
 *
 * <pre>{@code
 * jshell> SliderStrip.settings(List.of(slider("a", 0, 4, 0.5, 1)), null)
 * $1 ==> [{a=1.0}, {a=0.0}, {a=2.0}, {a=4.0}]
 * }</pre>
 */
public final class SliderStrip {
    /** The metadata key (under {@code "workbook"}) of the strip in an output, and of its settings in a cell. */
    public static final String KEY = "slider_strip";
    /** More pictures than this would be too small to read on one slide. */
    public static final int MAX_FRAMES = 6;

    private SliderStrip() { }

    /**
     * The settings to draw: {@code wanted} (each a map of slider name to value) completed with the
     * other sliders' initial values, or the default settings when {@code wanted} is null.
     *
     * @throws IllegalArgumentException naming the cause when a setting names no slider of the cell,
     *                                  holds a value outside its slider's range, or there are too many
     */
    public static List<Map<String, Double>> settings(List<Slider> sliders, List<Map<String, Double>> wanted) {
        List<Map<String, Double>> out = new ArrayList<>();
        if (wanted == null) {
            out.add(initial(sliders));
            Slider first = sliders.get(0);
            for (double v : new double[] {first.min(), snap(first, (first.min() + first.max()) / 2), first.max()}) {
                Map<String, Double> s = initial(sliders);
                s.put(first.name(), v);
                out.add(s);
            }
            return out;
        }
        if (wanted.isEmpty() || wanted.size() > MAX_FRAMES) {
            throw new IllegalArgumentException("slider_strip holds " + wanted.size() + " settings; give 1 to " + MAX_FRAMES
                    + ", e.g. [{\"a\": 1}, {\"a\": 3}]");
        }
        for (Map<String, Double> w : wanted) {
            Map<String, Double> s = initial(sliders);
            for (Map.Entry<String, Double> e : w.entrySet()) {
                Slider sl = sliders.stream().filter(x -> x.name().equals(e.getKey())).findFirst().orElseThrow(() ->
                        new IllegalArgumentException("slider_strip sets \"" + e.getKey() + "\", but the cell's sliders are "
                                + sliders.stream().map(Slider::name).toList() + "; use their names"));
                double v = e.getValue();
                if (v < sl.min() || v > sl.max()) {
                    throw new IllegalArgumentException("slider_strip sets \"" + sl.name() + "\" to " + v
                            + ", outside its range [" + sl.min() + ", " + sl.max() + "]");
                }
                s.put(sl.name(), v);
            }
            out.add(s);
        }
        return out;
    }

    /**
     * The strip's frames: {@code f} drawn at each setting. Settings whose result is not a picture are
     * left out (an error shows as text, so the strip never fails the cell).
     */
    public static List<Map<String, Object>> frames(List<Slider> sliders, Function<double[], Object> f,
                                                   List<Map<String, Double>> settings, Function<Object, MimeBundle> render) {
        List<Map<String, Object>> frames = new ArrayList<>();
        for (Map<String, Double> s : settings) {
            double[] values = new double[sliders.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = s.get(sliders.get(i).name());
            }
            MimeBundle b;
            try {
                b = render.apply(f.apply(values));
            } catch (RuntimeException e) {
                continue;
            }
            if (b != null && b.has("image/png")) {
                Map<String, Object> frame = new LinkedHashMap<>();
                frame.put("label", label(sliders, s));
                frame.put("values", new LinkedHashMap<>(s));
                frame.put("image/png", b.data().get("image/png"));
                frames.add(frame);
            }
        }
        return frames;
    }

    /** "a=3, b=2.5": each slider's value as its readout would show it. */
    static String label(List<Slider> sliders, Map<String, Double> s) {
        StringBuilder b = new StringBuilder();
        for (Slider sl : sliders) {
            double v = s.get(sl.name());
            b.append(b.length() == 0 ? "" : ", ").append(sl.name()).append('=')
                    .append(v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v)
                            .replaceAll("0+$", ""));
        }
        return b.toString();
    }

    private static Map<String, Double> initial(List<Slider> sliders) {
        Map<String, Double> s = new LinkedHashMap<>();
        sliders.forEach(sl -> s.put(sl.name(), sl.value()));
        return s;
    }

    /** {@code v} on the slider's grid of steps from its minimum. */
    private static double snap(Slider s, double v) {
        double k = Math.round((v - s.min()) / s.step());
        return Math.min(s.max(), Math.round((s.min() + k * s.step()) * 1e9) / 1e9);
    }
}
