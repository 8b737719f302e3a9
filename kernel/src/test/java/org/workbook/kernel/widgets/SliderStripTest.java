package org.workbook.kernel.widgets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.workbook.display.Display;
import org.workbook.display.DisplaySink;
import org.workbook.display.MimeBundle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.kernel.widgets.Widgets.intSlider;
import static org.workbook.kernel.widgets.Widgets.slider;

/** The runner's slider strips: the picture at several settings, in the first picture's metadata. */
class SliderStripTest {
    final List<MimeBundle> shown = new ArrayList<>();
    DisplaySink previous;

    @BeforeEach
    void record() {
        previous = Display.setSink(new DisplaySink() {
            @Override
            public void display(MimeBundle bundle, String displayId) {
                shown.add(bundle);
            }

            @Override
            public void update(String displayId, MimeBundle bundle) {
            }
        });
    }

    @AfterEach
    void restore() {
        Display.setSink(previous);
        WidgetHost.install(null);
    }

    /** A stand-in picture whose "PNG" says which values drew it. */
    static MimeBundle picture(double a, double b) {
        return MimeBundle.text("chart").with("image/png", "png a=" + a + " b=" + b);
    }

    @Test
    void defaultSettingsAreTheInitialOneAndTheFirstSliderAtItsMinimumMiddleAndMaximum() {
        List<Slider> s = List.of(slider("a", -1, 4, 0.1, 1.1), intSlider("n", 0, 10, 1, 4));
        assertEquals(List.of(Map.of("a", 1.1, "n", 4.0), Map.of("a", -1.0, "n", 4.0), Map.of("a", 1.5, "n", 4.0),
                Map.of("a", 4.0, "n", 4.0)), SliderStrip.settings(s, null));
    }

    @Test
    void givenSettingsKeepTheOtherSlidersAtTheirInitialValues() {
        List<Slider> s = List.of(slider("a", -1, 4, 0.1, 1.1), slider("b", -1, 4, 0.1, 1.1));
        assertEquals(List.of(Map.of("a", 3.0, "b", 1.1), Map.of("a", 3.0, "b", 2.0)),
                SliderStrip.settings(s, List.of(Map.of("a", 3.0), Map.of("a", 3.0, "b", 2.0))));
    }

    @Test
    void settingsNamingNoSliderOrOutOfRangeOrTooManyAreRefusedWithTheCause() {
        List<Slider> s = List.of(slider("a", -1, 4, 0.1, 1.1), slider("b", -1, 4, 0.1, 1.1));
        var unknown = assertThrows(IllegalArgumentException.class, () -> SliderStrip.settings(s, List.of(Map.of("c", 1.0))));
        assertEquals("slider_strip sets \"c\", but the cell's sliders are [a, b]; use their names", unknown.getMessage());
        var range = assertThrows(IllegalArgumentException.class, () -> SliderStrip.settings(s, List.of(Map.of("a", 9.0))));
        assertEquals("slider_strip sets \"a\" to 9.0, outside its range [-1.0, 4.0]", range.getMessage());
        List<Map<String, Double>> seven = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            seven.add(Map.of("a", 1.0));
        }
        var many = assertThrows(IllegalArgumentException.class, () -> SliderStrip.settings(s, seven));
        assertTrue(many.getMessage().startsWith("slider_strip holds 7 settings; give 1 to 6"), many.getMessage());
    }

    @Test
    void labelsShowValuesAsTheSliderReadoutDoes() {
        List<Slider> s = List.of(slider("a", -1, 4, 0.1, 1.1), intSlider("n", 0, 10, 1, 4));
        assertEquals("a=2.5, n=4", SliderStrip.label(s, Map.of("a", 2.5, "n", 4.0)));
        assertEquals("a=3, n=0", SliderStrip.label(s, Map.of("a", 3.0, "n", 0.0)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aStripHostShowsTheFirstPictureWithTheStripInItsMetadata() {
        StaticWidgetHost host = StaticWidgetHost.withSliderStrips();
        WidgetHost.install(host);
        host.stripSettings(List.of(Map.of("a", 3.0), Map.of("a", 3.0, "b", 2.0)));
        Widgets.interact((a, b) -> picture(a, b), slider("a", -1, 4, 0.1, 1.1), slider("b", -1, 4, 0.1, 1.1));

        assertEquals(1, shown.size());
        MimeBundle first = shown.get(0);
        assertEquals("png a=1.1 b=1.1", first.data().get("image/png"), "live front ends and exports show the first setting");
        var strip = (List<Map<String, Object>>) ((Map<String, Object>) first.metadata().get("workbook")).get(SliderStrip.KEY);
        assertEquals(2, strip.size());
        assertEquals("a=3, b=1.1", strip.get(0).get("label"));
        assertEquals("png a=3.0 b=1.1", strip.get(0).get("image/png"));
        assertEquals("png a=3.0 b=2.0", strip.get(1).get("image/png"));
        assertEquals(Map.of("a", 3.0, "b", 2.0), strip.get(1).get("values"));
    }

    @Test
    void thePlainHostAndResultsThatAreNoPictureGetNoStrip() {
        WidgetHost.install(null);
        Widgets.interact((a, b) -> picture(a, b), slider("a", -1, 4, 0.1, 1.1), slider("b", -1, 4, 0.1, 1.1));
        StaticWidgetHost host = StaticWidgetHost.withSliderStrips();
        WidgetHost.install(host);
        Widgets.interact(a -> "text " + a, slider("a", -1, 4, 0.1, 1.1));
        assertEquals(2, shown.size());
        assertFalse(shown.get(0).metadata().containsKey("workbook"));
        assertFalse(shown.get(1).metadata().containsKey("workbook"));
    }
}
