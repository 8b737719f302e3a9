package org.workbook.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.workbook.display.MimeBundle;
import org.workbook.notebook.Cell;
import org.workbook.notebook.Output;
import org.workbook.notebook.OutputType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputRecorderTest {
    private static MimeBundle png(String base64) {
        return MimeBundle.text("<Figure>").with("image/png", base64).withMetadata("image/png", Map.of("width", 320));
    }

    @Test
    void printsOnOneStreamShareAnOutputAndKeepTheirOrderWithPictures() {
        OutputRecorder r = new OutputRecorder();
        Cell c = Cell.code("x");
        r.begin(c);
        r.stream("stdout", "a");
        r.stream("stdout", "b\n");
        r.stream("stderr", "warn\n");
        r.display(png("AAAA"), null);
        r.stream("stdout", "c\n");
        List<Output> outs = c.outputs();
        assertEquals(List.of(OutputType.STREAM, OutputType.STREAM, OutputType.DISPLAY_DATA, OutputType.STREAM),
                outs.stream().map(Output::type).toList());
        assertEquals("ab\n", outs.get(0).text());
        assertEquals("warn\n", r.stderrOfCell());
        assertEquals(320, outs.get(2).metadata().path("image/png").path("width").asInt(), "image metadata is kept");
    }

    @Test
    void updateReplacesTheEarlierOutputWhereverItIs() {
        OutputRecorder r = new OutputRecorder();
        Cell first = Cell.code("show");
        Cell second = Cell.code("update");
        r.begin(first);
        r.display(MimeBundle.text("epoch 0"), "table");
        r.stream("stdout", "started\n");
        r.begin(second);
        r.update("table", MimeBundle.text("epoch 1"));
        r.update("never-shown", MimeBundle.text("ignored"));
        assertEquals("epoch 1", first.outputs().get(0).data().get("text/plain").asText());
        assertEquals(2, first.outputs().size());
        assertTrue(second.outputs().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> r.update(null, MimeBundle.text("x")));
    }

    @Test
    void clearWithWaitClearsWhenTheNextOutputComes() {
        OutputRecorder r = new OutputRecorder();
        Cell c = Cell.code("x");
        r.begin(c);
        r.display(MimeBundle.text("frame 1"), "anim");
        r.clear(true);
        assertEquals(1, c.outputs().size(), "nothing is cleared before the next output");
        r.display(MimeBundle.text("frame 2"), null);
        assertEquals(List.of("frame 2"), c.outputs().stream().map(o -> o.data().get("text/plain").asText()).toList());
        r.update("anim", MimeBundle.text("late"));
        assertEquals("frame 2", c.outputs().get(0).data().get("text/plain").asText(), "a cleared id is gone");
    }

    @Test
    void aPrintLoopIsCut() {
        OutputRecorder r = new OutputRecorder();
        Cell c = Cell.code("x");
        r.begin(c);
        String line = "x".repeat(1023) + "\n";
        for (int i = 0; i < 6 * 1024; i++) {
            r.stream("stdout", line);
        }
        String text = c.outputs().get(0).text();
        assertTrue(text.length() < OutputRecorder.MAX_STREAM_CHARS + 100, "length " + text.length());
        assertTrue(text.endsWith("[output cut: the cell printed more than 5 MB]\n"));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void utf8SplitAnywhereDecodesWhole(long seed) {
        String text = "héllo wörld ✓ 𝜃 — ünïcödé " + seed;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<String> got = new ArrayList<>();
        Utf8Stream s = new Utf8Stream(got::add);
        Random rng = new Random(seed);
        int at = 0;
        while (at < bytes.length) {
            int n = Math.min(bytes.length - at, 1 + rng.nextInt(4));
            s.write(bytes, at, n);
            at += n;
        }
        assertEquals(text, String.join("", got));
    }

    @Test
    void durationsReadLikePeopleWriteThem() throws Exception {
        assertEquals(90_000, RunnerOptions.duration("90", "--timeout").toMillis());
        assertEquals(90_000, RunnerOptions.duration("1.5m", "--timeout").toMillis());
        assertEquals(7_200_000, RunnerOptions.duration("2h", "--timeout").toMillis());
        assertEquals(500, RunnerOptions.duration("500ms", "--timeout").toMillis());
        UsageException e = assertThrows(UsageException.class, () -> RunnerOptions.duration("-1", "--timeout"));
        assertEquals("--timeout takes a positive number of seconds (or 90s, 10m, 1h), not '-1'", e.getMessage());
    }
}
