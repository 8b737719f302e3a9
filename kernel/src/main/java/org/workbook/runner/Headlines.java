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
 * A lesson's headline figures beside the course's. A cell shows one with a
 * bundle carrying {@value #MIME}, {@code {"name": ..., "value": ..., "course":
 * ...}} (the library's {@code Headline} displayable makes it); the runner
 * collects them from the executed notebook and prints them after its summary,
 * so a look at one table says whether the lessons still match the book.
 *
 * <pre>{@code
 * jshell> Display.show(MimeBundle.text("accuracy 0.9511 (course 0.9511)")
 *    ...>     .with("application/vnd.workbook.headline+json", "{\"name\":\"accuracy\",\"value\":0.9511,\"course\":\"0.9511\"}"))
 * }</pre>
 */
public final class Headlines {
    public static final String MIME = "application/vnd.workbook.headline+json";

    /** One figure: the notebook it came from, its name, our value and the course's. */
    public record Headline(String notebook, String name, String ours, String course) { }

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
        String fmt = "%-" + nw + "s  %-" + fw + "s  %" + ow + "s  %s%n";
        out.println();
        out.println("headline figures, ours beside the course's:");
        out.printf(fmt, "notebook", "figure", "ours", "course");
        for (Headline h : all) {
            out.printf(fmt, h.notebook(), h.name(), h.ours(), h.course());
        }
    }
}
