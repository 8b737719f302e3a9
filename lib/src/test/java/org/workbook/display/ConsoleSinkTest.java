package org.workbook.display;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain Java's sink: text printed, images written to numbered PNG files, updates in place. */
class ConsoleSinkTest {
    private static MimeBundle image(String name, byte... bytes) {
        return MimeBundle.text(name).with("image/png", Base64.getEncoder().encodeToString(bytes));
    }

    @Test
    void textIsPrintedImagesAreFilesAndUpdatesRewriteTheirFile(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ConsoleSink sink = new ConsoleSink(new PrintStream(buf, true, StandardCharsets.UTF_8), dir);
        sink.display(MimeBundle.text("tensor([1, 2])").with("text/html", "<b>x</b>"), null);
        sink.display(image("first", (byte) 1), null);
        sink.display(image("live", (byte) 2), "id-1");
        sink.update("id-1", image("live", (byte) 3));
        sink.update("id-2", image("new", (byte) 4));
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("tensor([1, 2])", lines[0]);
        assertEquals("first -> " + dir.resolve("figure-001.png"), lines[1]);
        assertEquals("live -> " + dir.resolve("figure-002.png"), lines[2]);
        assertEquals("live (updated) -> " + dir.resolve("figure-002.png"), lines[3]);
        assertEquals("new -> " + dir.resolve("figure-003.png"), lines[4]);
        assertArrayEquals(new byte[] {3}, Files.readAllBytes(dir.resolve("figure-002.png")));
        assertTrue(Files.exists(dir.resolve("figure-003.png")));
    }
}
