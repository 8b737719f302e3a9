package org.workbook.kernel.widgets;

import java.util.List;
import java.util.function.Function;

/**
 * Who draws widgets. In the Jupyter kernel, {@link KernelWidgetHost}: live
 * ipywidgets in the front end. Everywhere else (plain Java, the headless
 * notebook runner, a grader), {@link StaticWidgetHost}: the function is called
 * once with the initial values and its result shown, so an executed notebook
 * still holds a picture.
 */
public interface WidgetHost {
    /** Shows the sliders and {@code f}'s result, redrawn whenever a slider moves. */
    void interact(List<Slider> sliders, Function<double[], Object> f);

    /** Shows one widget on its own (a slider, an output area). */
    void show(Widget widget);

    /** The host for this JVM: the kernel's when one runs, else the static one. */
    static WidgetHost current() {
        return Hosts.current;
    }

    /** Installs the host (the kernel does at start); null restores the static one. */
    static void install(WidgetHost host) {
        Hosts.current = host == null ? new StaticWidgetHost() : host;
    }

    /** Holder of the current host (interfaces cannot have mutable fields of their own). */
    final class Hosts {
        static volatile WidgetHost current = new StaticWidgetHost();

        private Hosts() { }
    }
}
