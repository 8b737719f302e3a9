package org.workbook.kernel.widgets;

import org.workbook.display.Display;

import java.util.List;
import java.util.function.Function;

/**
 * Widgets without a front end: {@code interact} calls the function once with
 * the sliders' initial values and shows the result, so a notebook run headless
 * (or plain Java) gets the first picture. Sliders show as their text.
 */
public final class StaticWidgetHost implements WidgetHost {
    @Override
    public void interact(List<Slider> sliders, Function<double[], Object> f) {
        Object result = f.apply(Widgets.values(sliders));
        if (result != null) {
            Display.show(result);
        }
    }

    @Override
    public void show(Widget widget) {
        if (widget instanceof Output o) {
            Display.show(o.content());
        } else {
            Display.show(widget.toString());
        }
    }
}
