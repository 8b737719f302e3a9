package org.workbook.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.workbook.notebook.Cell;
import org.workbook.notebook.Notebook;
import org.workbook.notebook.Output;
import org.workbook.notebook.OutputType;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A lesson's headline figures beside the course's. A lesson cell calls the
 * library's {@code headline(name, value, course)}, which shows a
 * {@link org.workbook.display.Headline}: a line of text plus a JSON twin under
 * {@value #MIME}. The runner collects these from the executed notebook and
 * prints them after its summary, so one table says whether the lessons still
 * match the book: a figure agrees when ours, rounded to as many decimals as
 * the course gives, is the course's.
 *
 * <pre>{@code
 * jshell> headline("pixel-similarity accuracy", accuracy.item(), "0.9511")
 * pixel-similarity accuracy: 0.9511 (course: 0.9511)
 * }</pre>
 */
public final class Headlines {
    public static final String MIME = org.workbook.display.Headline.MIME;

    /** One figure: the notebook it came from, its name, our value and the course's. */
    public record Headline(String notebook, String name, String ours, String course) {
        /**
         * "same" when ours rounds to the course's value at the course's precision, else "DIFFERS".
         * A course value written "≈0.9696" is a figure of a random run: "close" within 2 %.
         */
        public String verdict() {
            if (course.startsWith("≈")) {
                try {
                    double c = Double.parseDouble(course.substring(1));
                    return Math.abs(Double.parseDouble(ours) - c) <= 0.02 * Math.abs(c) ? "close" : "DIFFERS";
                } catch (NumberFormatException e) {
                    return "DIFFERS";
                }
            }
            try {
                double c = Double.parseDouble(course);
                int dot = course.indexOf('.');
                int decimals = dot < 0 ? 0 : course.length() - dot - 1;
                double tolerance = 0.5 * Math.pow(10, -decimals) + 1e-12;
                return Math.abs(Double.parseDouble(ours) - c) <= tolerance ? "same" : "DIFFERS";
            } catch (NumberFormatException e) {
                return ours.equals(course) ? "same" : "DIFFERS";
            }
        }
    }

    private Headlines() {
    }

    /** The headlines shown by the notebook's outputs, in order. */
    public static List<Headline> collect(Notebook nb, String notebookName) {
        List<Headline> out = new ArrayList<>();
        for (Cell c : nb.cells()) {
            for (Output o : c.outputs()) {
                if (o.type() != OutputType.DISPLAY_DATA && o.type() != OutputType.EXECUTE_RESULT) {
                    continue;
                }
                ObjectNode data = o.data();
                JsonNode h = data.get(MIME);
                if (h != null && h.isObject() && h.hasNonNull("name")) {
                    out.add(new Headline(notebookName, h.get("name").asText(), text(h.get("value")),
                            text(h.get("course"))));
                }
            }
        }
        return out;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? "-" : n.isTextual() ? n.asText() : n.toString();
    }

    /** Prints the figures as a table (nothing when there are none). */
    public static void print(List<Headline> all, PrintStream out) {
        if (all.isEmpty()) {
            return;
        }
        int nw = "notebook".length();
        int fw = "figure".length();
        int ow = "ours".length();
        for (Headline h : all) {
            nw = Math.max(nw, h.notebook().length());
            fw = Math.max(fw, h.name().length());
            ow = Math.max(ow, h.ours().length());
        }
        int cw = "course".length();
        for (Headline h : all) {
            cw = Math.max(cw, h.course().length());
        }
        String fmt = "%-" + nw + "s  %-" + fw + "s  %" + ow + "s  %" + cw + "s  %s%n";
        out.println();
        out.println("headline figures, ours beside the course's:");
        out.printf(fmt, "notebook", "figure", "ours", "course", "");
        for (Headline h : all) {
            out.printf(fmt, h.notebook(), h.name(), h.ours(), h.course(), h.verdict());
        }
    }
}
