package org.workbook.kernel.widgets;

import org.workbook.display.Display;
import org.workbook.display.MimeBundle;
import org.workbook.display.Renderers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Widgets without a front end: {@code interact} calls the function once with
 * the sliders' initial values and shows the result, so a notebook run headless
 * (or plain Java) gets the first picture. Sliders show as their text.
 *
 * <p>Made {@linkplain #withSliderStrips() with slider strips} (the runner's),
 * it also draws the picture at several slider settings into the output's
 * metadata ({@link SliderStrip}), for slide decks; the settings of the cell
 * being run come from {@link #stripSettings}.
 */
public final class StaticWidgetHost implements WidgetHost {
    private final boolean strips;
    private volatile List<Map<String, Double>> settings;

    public StaticWidgetHost() {
        this(false);
    }

    private StaticWidgetHost(boolean strips) {
        this.strips = strips;
    }

    /** A host that records a slider strip for every {@code interact} whose picture is an image. */
    public static StaticWidgetHost withSliderStrips() {
        return new StaticWidgetHost(true);
    }

    /** The strip settings of the cell about to run (its {@code slider_strip} metadata); null for the default ones. */
    public void stripSettings(List<Map<String, Double>> wanted) {
        settings = wanted;
    }

    @Override
    public void interact(List<Slider> sliders, Function<double[], Object> f) {
        // Checked first, so a lesson naming a slider that is not there fails on every front end's run.
        List<Map<String, Double>> frames = strips ? SliderStrip.settings(sliders, settings) : null;
        Object result = f.apply(Widgets.values(sliders));
        if (result == null) {
            return;
        }
        MimeBundle first = Renderers.render(result);
        if (frames != null && first.has("image/png")) {
            List<Map<String, Object>> strip = SliderStrip.frames(sliders, f, frames, Renderers::render);
            if (!strip.isEmpty()) {
                Map<String, Object> meta = new LinkedHashMap<>();
                meta.put(SliderStrip.KEY, strip);
                first = first.withMetadata("workbook", meta);
            }
        }
        Display.show(first);
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
