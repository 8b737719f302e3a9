package org.workbook.kernel.widgets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.workbook.display.Display;
import org.workbook.display.DisplaySink;
import org.workbook.display.MimeBundle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.workbook.kernel.widgets.Widgets.interact;
import static org.workbook.kernel.widgets.Widgets.intSlider;
import static org.workbook.kernel.widgets.Widgets.slider;

/** Without a kernel (plain Java, the headless runner) interact calls f once and shows its result. */
class StaticWidgetsTest {
    final List<String> shown = new ArrayList<>();
    DisplaySink previous;

    @BeforeEach
    void record() {
        WidgetHost.install(null);
        previous = Display.setSink(new DisplaySink() {
            @Override
            public void display(MimeBundle bundle, String displayId) {
                shown.add(bundle.plain());
            }

            @Override
            public void update(String displayId, MimeBundle bundle) {
                shown.add("update " + bundle.plain());
            }
        });
    }

    @AfterEach
    void restore() {
        Display.setSink(previous);
    }

    @Test
    void interactCallsTheFunctionOnceWithTheInitialValues() {
        AtomicInteger calls = new AtomicInteger();
        interact((a, b) -> {
            calls.incrementAndGet();
            return "a=" + a + " b=" + b;
        }, slider("a", -3, 3, 0.1, 1.1), intSlider("b", 0, 10, 1, 4));
        assertEquals(1, calls.get());
        assertEquals(List.of("a=1.1 b=4.0"), shown);
    }

    @Test
    void manySlidersGoThroughTheArrayForm() {
        interact(v -> v.length + " values, last " + v[4], slider("a", 0, 1, 0.1, 0.1), slider("b", 0, 1, 0.1, 0.2),
                slider("c", 0, 1, 0.1, 0.3), slider("d", 0, 1, 0.1, 0.4), slider("e", 0, 1, 0.1, 0.5));
        assertEquals(List.of("5 values, last 0.5"), shown);
    }

    @Test
    void slidersCheckTheirRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> slider("lr", 0, 1, 0.1, 2));
        assertEquals("slider \"lr\": value 2.0 is outside [0.0, 1.0]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> slider("lr", 1, 0, 0.1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> slider("lr", 0, 1, 0, 0.5));
    }

    @Test
    void sliderChangesReachListenersClamped() {
        List<Double> seen = new ArrayList<>();
        Slider s = slider("x", 0, 1, 0.1, 0.5).onChange(seen::add);
        s.set(0.7);
        s.set(5);
        assertEquals(List.of(0.7, 1.0), seen);
    }
}
