package org.workbook.kernel.widgets;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleConsumer;

/**
 * A slider over {@code [min, max]} in steps of {@code step}; a float slider
 * ({@code FloatSliderModel}) or, from {@link Widgets#intSlider}, an int one.
 *
 * <pre>{@code
 * jshell> var a = slider("a", -3, 3, 0.1, 1.1)
 * jshell> a.value()
 * $2 ==> 1.1
 * }</pre>
 */
public final class Slider extends Widget {
    private final String name;
    private final double min;
    private final double max;
    private final double step;
    private final boolean integer;
    private volatile double value;
    private final List<DoubleConsumer> listeners = new CopyOnWriteArrayList<>();

    Slider(String name, double min, double max, double step, double value, boolean integer) {
        if (!(min < max)) {
            throw new IllegalArgumentException("slider \"" + name + "\": min " + min + " must be below max " + max);
        }
        if (!(step > 0)) {
            throw new IllegalArgumentException("slider \"" + name + "\": step must be positive, got " + step);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("slider \"" + name + "\": value " + value + " is outside [" + min + ", " + max + "]");
        }
        this.name = name;
        this.min = min;
        this.max = max;
        this.step = step;
        this.value = value;
        this.integer = integer;
    }

    public String name() {
        return name;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public double step() {
        return step;
    }

    public boolean isInteger() {
        return integer;
    }

    public double value() {
        return value;
    }

    /** Calls {@code listener} with the new value whenever the slider moves. */
    public Slider onChange(DoubleConsumer listener) {
        listeners.add(listener);
        return this;
    }

    /** Sets the value (clamped to the range), as the front end does when the slider moves. */
    public void set(double v) {
        value = Math.max(min, Math.min(max, v));
        for (DoubleConsumer l : listeners) {
            l.accept(value);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, integer ? "IntSlider(%s=%.0f)" : "FloatSlider(%s=%s)", name, integer ? value : (Object) value);
    }
}
