package org.workbook.e2e.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.workbook.kernel.eval.Evaluator;
import org.workbook.notebook.Cell;
import org.workbook.notebook.LessonReader;
import org.workbook.notebook.Notebook;
import org.workbook.notebook.Output;
import org.workbook.notebook.OutputType;
import org.workbook.runner.CellListener;
import org.workbook.runner.CellResult;
import org.workbook.runner.ExecutionLimits;
import org.workbook.runner.NotebookExecutor;
import org.workbook.runner.RunResult;
import org.workbook.runner.StreamCapture;

/**
 * A lesson executed the way {@code ./workbook run} executes it (the runner's
 * NotebookExecutor, in this JVM), and its outputs looked up by the code cell
 * that made them. Used by the lesson-03 and lesson-04 figure tests; any
 * lesson's test can use it.
 *
 * <pre>{@code
 * var lesson = ExecutedLesson.run("03_mnist_logistic_regression");
 * lesson.result("yValid.get(0)")                       // "tensor(3)"
 * }</pre>
 */
final class ExecutedLesson {
    /** A number in printed output, not a digit inside a word (SliceBackward0, float64). */
    private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z0-9_.])-?\\d+(?:\\.\\d*)?(?:[eE][-+]?\\d+)?");

    private final String name;
    private final Notebook nb;
    private final RunResult run;

    private ExecutedLesson(String name, Notebook nb, RunResult run) {
        this.name = name;
        this.nb = nb;
        this.run = run;
    }

    /** Executes lessons/NAME.md with every cell run even after a failure, so one run reports all of them. */
    static ExecutedLesson run(String name) {
        Path file = root().resolve("lessons").resolve(name + ".md");
        Notebook nb;
        try {
            nb = LessonReader.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        ExecutionLimits limits = ExecutionLimits.startingNow(ExecutionLimits.DEFAULT_CELL_TIMEOUT, null, true);
        RunResult r;
        try (StreamCapture capture = StreamCapture.install()) {
            r = new NotebookExecutor(Evaluator.Options.defaults(), capture).execute(nb, name, file.getParent(), limits, CellListener.NONE);
        }
        return new ExecutedLesson(name, nb, r);
    }

    /** The project folder: the first one up from here with a lessons/ folder. */
    private static Path root() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("lessons")) && Files.isDirectory(d.resolve("lib"))) {
                return d;
            }
        }
        throw new IllegalStateException("no lessons/ folder above " + Path.of("").toAbsolutePath());
    }

    /** Fails listing every cell that threw (not tagged raises-exception), timed out or did not run. */
    void assertNoUnexpectedErrors() {
        List<String> bad = new ArrayList<>();
        for (CellResult c : run.cells()) {
            CellResult.Status s = c.status();
            if (s == CellResult.Status.ERROR || s == CellResult.Status.TIMEOUT || s == CellResult.Status.NOT_RUN) {
                String first = nb.cells().get(c.index()).source().lines().findFirst().orElse("");
                bad.add("cell " + c.index() + " [" + s + "] " + first + " -> " + c.error());
            }
        }
        assertTrue(bad.isEmpty(), name + ": " + bad.size() + " cell(s) failed:\n" + String.join("\n", bad));
    }

    /** How many check cells ended with the value "passed". */
    int checkCellsPassed() {
        int n = 0;
        for (Cell c : nb.cells()) {
            if (c.isCode() && c.hasTag("check") && "passed".equals(unquote(plainResultOrNull(c)))) {
                n++;
            }
        }
        return n;
    }

    /**
     * The code cell whose whole source is {@code start}, else the one cell whose
     * source starts with it (leading spaces ignored).
     */
    Cell cell(String start) {
        List<Cell> found = new ArrayList<>();
        for (Cell c : nb.cells()) {
            if (c.isCode() && c.source().strip().equals(start)) {
                return c;
            }
            if (c.isCode() && c.source().stripLeading().startsWith(start)) {
                found.add(c);
            }
        }
        assertEquals(1, found.size(), name + ": expected one code cell starting with " + start + ", found " + found.size());
        return found.get(0);
    }

    /** The text/plain value the cell ended with (its execute_result). */
    String result(String start) {
        Cell c = cell(start);
        String v = plainResultOrNull(c);
        if (v == null) {
            fail(name + ": the cell starting with " + start + " shows no value; its outputs: " + describe(c));
        }
        return unquote(v);
    }

    /** The cell's value, which must be a figure (a PNG); returns its text/plain ("Figure(2x4, ...)"). */
    String figure(String start) {
        Cell c = cell(start);
        for (Output o : c.outputs()) {
            if (o.type() == OutputType.EXECUTE_RESULT || o.type() == OutputType.DISPLAY_DATA) {
                JsonNode png = o.data().get("image/png");
                if (png != null && png.asText().startsWith("iVBORw0KGgo")) {
                    return text(o.data().get("text/plain"));
                }
            }
        }
        return fail(name + ": the cell starting with " + start + " shows no PNG image; its outputs: " + describe(c));
    }

    /** "ename: evalue" of the error the cell ended with. */
    String error(String start) {
        Cell c = cell(start);
        for (Output o : c.outputs()) {
            if (o.type() == OutputType.ERROR) {
                return o.ename() + ": " + o.evalue();
            }
        }
        return fail(name + ": the cell starting with " + start + " did not fail; its outputs: " + describe(c));
    }

    /** What the cell printed on stdout. */
    String stdout(String start) {
        StringBuilder sb = new StringBuilder();
        for (Output o : cell(start).outputs()) {
            if (o.type() == OutputType.STREAM && "stdout".equals(o.name())) {
                sb.append(o.text());
            }
        }
        return sb.toString();
    }

    /** The value in the last row, under {@code column}, of the training table the cell displayed. */
    double lastTableValue(String start, String column) {
        Cell c = cell(start);
        for (Output o : c.outputs()) {
            if (o.type() != OutputType.DISPLAY_DATA && o.type() != OutputType.EXECUTE_RESULT) {
                continue;
            }
            List<String> lines = text(o.data().get("text/plain")).lines().map(String::strip).toList();
            int head = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("epoch")) {
                    head = i;
                }
            }
            if (head < 0 || head == lines.size() - 1) {
                continue;
            }
            List<String> cols = Arrays.asList(lines.get(head).split("\\s+"));
            String[] last = lines.get(lines.size() - 1).split("\\s+");
            int k = cols.indexOf(column);
            assertTrue(k >= 0 && k < last.length, "no column " + column + " in " + lines);
            return Double.parseDouble(last[k]);
        }
        return fail(name + ": the cell starting with " + start + " shows no training table; its outputs: " + describe(c));
    }

    /** The rows of the training table the cell displayed (header excluded). */
    int tableRows(String start) {
        for (Output o : cell(start).outputs()) {
            if (o.type() == OutputType.DISPLAY_DATA) {
                List<String> lines = text(o.data().get("text/plain")).lines().map(String::strip).toList();
                int rows = 0;
                for (String l : lines) {
                    if (!l.isEmpty() && Character.isDigit(l.charAt(0))) {
                        rows++;
                    }
                }
                return rows;
            }
        }
        return 0;
    }

    /** Every number printed in {@code text}, in order. */
    static double[] numbers(String text) {
        List<Double> out = new ArrayList<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            out.add(Double.parseDouble(m.group()));
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String plainResultOrNull(Cell c) {
        for (Output o : c.outputs()) {
            if (o.type() == OutputType.EXECUTE_RESULT) {
                return text(o.data().get("text/plain"));
            }
        }
        return null;
    }

    private static String unquote(String s) {
        return s != null && s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /** A mimebundle entry: a string, or (as nbformat allows) an array of lines. */
    private static String text(JsonNode n) {
        if (n == null) {
            return "";
        }
        if (n.isArray()) {
            StringBuilder sb = new StringBuilder();
            n.forEach(x -> sb.append(x.asText()));
            return sb.toString();
        }
        return n.asText();
    }

    private static String describe(Cell c) {
        List<String> d = new ArrayList<>();
        for (Output o : c.outputs()) {
            d.add(o.type() + (o.type() == OutputType.ERROR ? " " + o.ename() + ": " + o.evalue() : ""));
        }
        return d.toString();
    }
}
