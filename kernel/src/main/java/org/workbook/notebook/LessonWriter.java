package org.workbook.notebook;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a notebook as a lesson source, the inverse of {@link LessonReader}:
 * markdown cells as Markdown, code cells in ```java fences, raw cells in
 * ```raw fences, metadata as markers. Outputs, execution counts and cell ids
 * are left out (a lesson is the source; the build derives them). A markdown
 * cell whose text would read back differently (it holds a ```java line, or a
 * marker after a blank line) goes in a ```markdown fence instead.
 *
 * <pre>{@code
 * jshell> var nb = Notebook.forWorkbookKernel(); nb.cells().add(Cell.markdown("# Hi")); nb.cells().add(Cell.code("1 + 1"))
 * jshell> LessonWriter.toLesson(nb)
 * $2 ==> "# Hi\n\n```java\n1 + 1\n```\n"
 * }</pre>
 */
public final class LessonWriter {
    private LessonWriter() {
    }

    public static String toLesson(Notebook nb) {
        List<String> blocks = new ArrayList<>();
        boolean previousPlain = false;
        for (Cell cell : nb.cells()) {
            StringBuilder b = new StringBuilder();
            String source = cell.source().replace("\r\n", "\n");
            boolean plain = cell.type() == CellType.MARKDOWN && plainSafe(source);
            // Only plain Markdown after plain Markdown needs a marker to start a new cell.
            for (String marker : CellMarkers.render(cell, previousPlain && plain)) {
                b.append(marker).append('\n');
            }
            if (plain) {
                b.append(source).append('\n');
            } else {
                String ticks = Fence.ticksFor(source);
                b.append(ticks).append(Fence.info(cell.type())).append('\n');
                if (!source.isEmpty()) {
                    b.append(source).append('\n');
                }
                b.append(ticks).append('\n');
            }
            blocks.add(b.toString());
            previousPlain = plain;
        }
        return String.join("\n", blocks);
    }

    /** Writes the lesson atomically. */
    public static void write(Notebook nb, Path lesson) throws IOException {
        AtomicFiles.write(lesson, toLesson(nb));
    }

    /**
     * Whether Markdown text reads back as one markdown cell when written
     * plainly: no line opens a fence, and no marker-like line starts it or
     * follows a blank line (either would start a new cell).
     */
    static boolean plainSafe(String source) {
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (Fence.isOpener(lines[i])) {
                return false;
            }
            if (Marker.looksLikeMarker(lines[i]) && (i == 0 || lines[i - 1].isBlank())) {
                return false;
            }
        }
        return true;
    }
}
