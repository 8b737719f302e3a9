package org.workbook.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The grey maps against matplotlib's tables. */
class ColormapTest {

    @Test
    void greysRunsFromWhiteToBlackThroughColorBrewersStops() {
        assertEquals("#ffffff", Colormap.GREYS.hex(0));
        assertEquals("#000000", Colormap.GREYS.hex(1));
        // matplotlib: Greys(0.5) is table entry 128 of 256, between stops 150 and 115: 149.
        assertEquals("#959595", Colormap.GREYS.hex(0.5));
        // Each stop sits at entry i * 255 / 8; entry 255 is the last stop, black.
        assertEquals(Colormap.GREYS.rgb(255 / 256.0), Colormap.GREYS.rgb(1.0));
        double last = 2;
        for (int i = 0; i <= 100; i++) {
            double l = Colormap.luminance(Colormap.GREYS.rgb(i / 100.0));
            assertTrue(l <= last, "Greys gets darker: " + i);
            last = l;
        }
    }

    @Test
    void grayIsAStraightRampTheOtherWay() {
        assertEquals("#000000", Colormap.GRAY.hex(0));
        assertEquals("#ffffff", Colormap.GRAY.hex(1));
        assertEquals("#808080", Colormap.GRAY.hex(0.5));
        assertEquals("#ffffff", Colormap.GRAY.hex(7), "values past 1 are clipped");
        assertEquals("#ffffff", Colormap.GREYS.hex(Double.NaN), "NaN is the white page");
    }

    @Test
    void namesAndTheTextThreshold() {
        assertEquals(Colormap.GREYS, Colormap.parse("greys"));
        assertEquals(Colormap.GRAY, Colormap.parse("Grey"));
        var e = assertThrows(IllegalArgumentException.class, () -> Colormap.parse("viridis"));
        assertTrue(e.getMessage().startsWith("unknown colour map 'viridis'"), e.getMessage());
        assertEquals(1.0, Colormap.luminance(0xffffff), 1e-12);
        assertEquals(0.0, Colormap.luminance(0x000000), 1e-12);
    }
}
