package org.workbook.kernel.widgets;

import java.util.List;
import java.util.function.Function;

/**
 * Sliders and {@code interact}, as ipywidgets gives Python; imported in every
 * kernel session ({@code import static org.workbook.kernel.widgets.Widgets.*}).
 *
 * <pre>{@code
 * jshell> interact((a, b, c) -> plotDoubleFunction(x -> a * x * x + b * x + c),
 *    ...>          slider("a", -3, 3, 0.1, 1.1), slider("b", -3, 3, 0.1, 1.1), slider("c", -3, 3, 0.1, 1.1))
 * }</pre>
 *
 * In a notebook the sliders are live and the picture is redrawn as they move;
 * run headless, the function is called once with the initial values.
 */
public final class Widgets {
    /** A function of one slider's value. */
    @FunctionalInterface
    public interface F1 {
        Object apply(double a);
    }

    /** A function of two sliders' values. */
    @FunctionalInterface
    public interface F2 {
        Object apply(double a, double b);
    }

    /** A function of three sliders' values. */
    @FunctionalInterface
    public interface F3 {
        Object apply(double a, double b, double c);
    }

    /** A function of four sliders' values. */
    @FunctionalInterface
    public interface F4 {
        Object apply(double a, double b, double c, double d);
    }

    private Widgets() { }

    /** A float slider named {@code name} from {@code min} to {@code max} in steps of {@code step}, at {@code value}. */
    public static Slider slider(String name, double min, double max, double step, double value) {
        return new Slider(name, min, max, step, value, false);
    }

    /** An integer slider. */
    public static Slider intSlider(String name, int min, int max, int step, int value) {
        return new Slider(name, min, max, step, value, true);
    }

    /** An output area to redraw with {@link Output#update}. */
    public static Output output() {
        return new Output();
    }

    /** Shows a widget (a slider on its own, an output area). */
    public static void showWidget(Widget w) {
        WidgetHost.current().show(w);
    }

    public static void interact(F1 f, Slider a) {
        interact(v -> f.apply(v[0]), new Slider[] {a});
    }

    public static void interact(F2 f, Slider a, Slider b) {
        interact(v -> f.apply(v[0], v[1]), new Slider[] {a, b});
    }

    public static void interact(F3 f, Slider a, Slider b, Slider c) {
        interact(v -> f.apply(v[0], v[1], v[2]), new Slider[] {a, b, c});
    }

    public static void interact(F4 f, Slider a, Slider b, Slider c, Slider d) {
        interact(v -> f.apply(v[0], v[1], v[2], v[3]), new Slider[] {a, b, c, d});
    }

    /** Any number of sliders: {@code f} gets their values in order. */
    public static void interact(Function<double[], Object> f, Slider... sliders) {
        if (sliders.length == 0) {
            throw new IllegalArgumentException("interact needs at least one slider, e.g. slider(\"a\", 0, 1, 0.1, 0.5)");
        }
        WidgetHost.current().interact(List.of(sliders), f);
    }

    static double[] values(List<Slider> sliders) {
        double[] v = new double[sliders.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = sliders.get(i).value();
        }
        return v;
    }
}
