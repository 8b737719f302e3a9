package org.workbook.notebook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a lesson source ({@code lessons/*.md}) into a notebook: Markdown text
 * becomes markdown cells, each ```java fence a code cell, and the HTML-comment
 * markers above a cell its metadata. The format is in lessons/README.md;
 * {@link LessonWriter} is the inverse, and for every lesson it writes,
 * reading gives the same notebook back. Outputs are never part of a lesson;
 * cell ids come from {@link CellIds}.
 *
 * <pre>{@code
 * jshell> LessonReader.parse("# Title\n\n```java\n1 + 1\n```\n", "demo.md").cells()
 * $1 ==> [Cell[markdown 1b0c16dd: # Title], Cell[code 51acba95: 1 + 1]]
 * }</pre>
 */
public final class LessonReader {
    private final String file;
    private final List<String> lines;
    private final Notebook nb = Notebook.forWorkbookKernel();
    private final List<Integer> sourceLines = new ArrayList<>();
    private final List<Integer> markerLines = new ArrayList<>();
    private final List<Boolean> exerciseMarked = new ArrayList<>();

    private LessonReader(String file, List<String> lines) {
        this.file = file;
        this.lines = lines;
    }

    public static Notebook read(Path lesson) throws IOException {
        return parse(Files.readString(lesson, StandardCharsets.UTF_8), lesson.toString());
    }

    /** Parses lesson text; {@code file} names it in error messages. Windows line ends are read as \n. */
    public static Notebook parse(String text, String file) throws LessonFormatException {
        String t = text.replace("\r\n", "\n");
        List<String> lines = new ArrayList<>(List.of(t.split("\n", -1)));
        if (t.endsWith("\n") || t.isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        LessonReader r = new LessonReader(file, lines);
        r.cells();
        r.exercises();
        CellIds.assign(r.nb.cells());
        return r.nb;
    }

    private static boolean blank(String line) {
        return line.isBlank();
    }

    private void cells() throws LessonFormatException {
        int n = lines.size();
        int i = 0;
        List<Marker> header = new ArrayList<>();
        while (i < n) {
            while (i < n && Marker.looksLikeMarker(lines.get(i))) {
                header.add(Marker.parse(lines.get(i), i + 1, file));
                i++;
            }
            if (i == n) {
                break;
            }
            Optional<Fence> fence = Fence.opener(lines.get(i));
            if (fence.isPresent()) {
                i = fenced(fence.get(), i, header);
                header = new ArrayList<>();
                continue;
            }
            int end = i;
            int next = n;
            for (; end < n; end++) {
                if (Fence.isOpener(lines.get(end))) {
                    next = end;
                    break;
                }
                if (blank(lines.get(end)) && end + 1 < n && (Fence.isOpener(lines.get(end + 1))
                        || Marker.looksLikeMarker(lines.get(end + 1)))) {
                    next = end + 1;
                    break;
                }
            }
            if (end > i) {
                add(Cell.markdown(String.join("\n", lines.subList(i, end))), i, header);
                header = new ArrayList<>();
            }
            // A header, then a blank line, then a cell: the header still belongs to that cell.
            i = next;
        }
        if (!header.isEmpty()) {
            throw new LessonFormatException(file, header.get(0).line, "the marker(s) here come last and "
                    + "apply to no cell; put markers directly above the cell they describe");
        }
    }

    /** Reads a fenced cell opening at line {@code open}; returns the line after it and its separator. */
    private int fenced(Fence fence, int open, List<Marker> header) throws LessonFormatException {
        int close = open + 1;
        while (close < lines.size() && !fence.closedBy(lines.get(close))) {
            close++;
        }
        if (close == lines.size()) {
            throw new LessonFormatException(file, open + 1, "the " + lines.get(open).strip()
                    + " fence is never closed; end the cell with a line of just " + fence.ticks);
        }
        String source = String.join("\n", lines.subList(open + 1, close));
        add(new Cell(fence.type, source), open + 1, header);
        int next = close + 1;
        return next < lines.size() && blank(lines.get(next)) ? next + 1 : next;
    }

    private void add(Cell cell, int sourceLine, List<Marker> header) throws LessonFormatException {
        CellMarkers.apply(header, cell, file);
        nb.cells().add(cell);
        sourceLines.add(sourceLine + 1);
        markerLines.add(header.isEmpty() ? sourceLine + 1 : header.get(0).line);
        exerciseMarked.add(header.stream().anyMatch(m -> m.key.equals("exercise")));
    }

    /** Exercise cells have a well-formed solution region; grade ids are unique. */
    private void exercises() throws LessonFormatException {
        Map<String, Integer> ids = new HashMap<>();
        for (int k = 0; k < nb.cells().size(); k++) {
            Cell cell = nb.cells().get(k);
            if (!cell.isCode()) {
                continue;
            }
            boolean exercise = exerciseMarked.get(k);
            List<SolutionRegions.Region> regions;
            try {
                regions = SolutionRegions.find(cell.source());
            } catch (SolutionRegions.Problem p) {
                throw new LessonFormatException(file, sourceLines.get(k) + p.line, p.getMessage());
            }
            if (exercise && regions.isEmpty()) {
                throw new LessonFormatException(file, markerLines.get(k), "this exercise cell has no solution "
                        + "region; mark the code students write with // BEGIN SOLUTION and // END SOLUTION lines");
            }
            if (!exercise && !regions.isEmpty()) {
                throw new LessonFormatException(file, sourceLines.get(k) + regions.get(0).begin, "a solution "
                        + "region in a cell without an exercise marker; put <!-- exercise: NAME --> above the cell");
            }
            String id = cell.metadata().path("nbgrader").path("grade_id").asText(null);
            if (id != null && ids.putIfAbsent(id, markerLines.get(k)) != null) {
                throw new LessonFormatException(file, markerLines.get(k), "the name '" + id + "' is already "
                        + "used on line " + ids.get(id) + "; exercises and checks need distinct names");
            }
        }
    }
}
