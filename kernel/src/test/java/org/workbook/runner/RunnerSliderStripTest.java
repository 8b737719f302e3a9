package org.workbook.runner;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workbook.notebook.Cell;
import org.workbook.notebook.Output;
import org.workbook.notebook.OutputType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.runner.RunnerFixtures.read;
import static org.workbook.runner.RunnerFixtures.resource;
import static org.workbook.runner.RunnerFixtures.run;

/** ./workbook run draws a slider cell at several settings into its output's metadata, for the slides. */
class RunnerSliderStripTest {
    @TempDir
    Path tmp;

    private static List<String> labels(Output o) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : o.metadata().path("workbook").path("slider_strip")) {
            assertTrue(f.path("image/png").asText().length() > 1000, "each frame holds a PNG");
            out.add(f.path("label").asText());
        }
        return out;
    }

    @Test
    void sliderCellsCarryAStripOfTheirSettingsOrTheDefaultOnesAndAWrongNameFailsTheCell() throws Exception {
        RunnerFixtures.Ran r = run(resource("strip.md").toString(), "--out", tmp.toString(), "--allow-errors");
        assertEquals(0, r.code(), r.out() + r.err());
        List<Cell> cells = read(tmp.resolve("strip.ipynb")).cells().stream().filter(Cell::isCode).toList();

        Output given = cells.get(0).outputs().get(0);
        assertEquals(OutputType.DISPLAY_DATA, given.type());
        assertTrue(given.data().has("image/png"), "the first setting stays the output's picture");
        assertEquals(List.of("m=1", "m=2", "m=3"), labels(given));
        assertEquals(List.of("m=0.5", "m=-3", "m=0", "m=3"), labels(cells.get(1).outputs().get(0)));

        Output wrong = cells.get(2).outputs().get(0);
        assertEquals(OutputType.ERROR, wrong.type());
        assertTrue(wrong.evalue().contains("slider_strip sets \"q\", but the cell's sliders are [m]"), wrong.evalue());
    }
}
