package org.workbook.learn;

import org.junit.jupiter.api.Test;
import org.workbook.display.MimeBundle;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTest {
    @Test
    void htmlShowsOneBarAndTextShowsTheOther() {
        String bar = Progress.bar("train", 1, 5, 61);
        MimeBundle b = new Progress(List.of("epoch", "train_loss")).bundle(bar);
        String html = b.data().get("text/html");
        assertTrue(html.contains("<progress value='20' max='100'"), html);
        assertTrue(html.contains("train  20% 1/5 01:01"), html);
        assertFalse(html.contains("[####"), "the HTML has its own bar; the text bar belongs to text/plain only: " + html);
        assertTrue(b.plain().startsWith("train [####................]  20% 1/5 01:01"), b.plain());
    }
}
