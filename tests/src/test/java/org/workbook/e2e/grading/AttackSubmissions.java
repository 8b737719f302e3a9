package org.workbook.e2e.grading;

import org.workbook.notebook.Cell;
import org.workbook.notebook.LessonReader;
import org.workbook.notebook.Notebook;
import org.workbook.notebook.NotebookWriter;
import org.workbook.notebook.Output;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * The class the attack suite grades: honest submissions with known scores,
 * hostile ones built from {@link Attacks}, and hostile files (a FIFO, a 3 GB
 * file, a name with an escape character, a 21 MB image output, two files
 * with the same name in different folders).
 */
final class AttackSubmissions {
    static final String SOLVED_MEAN = "    double s = 0;\n    for (double x : v) {\n        s += x;\n    }\n"
            + "    return s / v.length;";
    static final String SOLVED_SQUARE = "    return x * x;";
    static final String SOLVED_TWICE = "    return t.mul(2);";
    static final String STUB = "    throw new UnsupportedOperationException(\"your code here\");";

    private final String assignment;
    private final Path dir;

    AttackSubmissions(Path dir) throws IOException {
        this.dir = dir;
        try (var in = AttackSubmissions.class.getResourceAsStream("/grading/assignment.md")) {
            this.assignment = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    String assignment() {
        return assignment;
    }

    /**
     * A submission: the assignment with its two answers replaced by {@code mean} and {@code square}
     * (method bodies), and {@code attack} (if any) as a code cell right after the lesson's helper.
     */
    Notebook notebook(String mean, String square, String attack) throws IOException {
        return notebook(mean, square, SOLVED_TWICE, attack);
    }

    /** As above, with the third answer ({@code twice}) too. */
    Notebook notebook(String mean, String square, String twice, String attack) throws IOException {
        if (!assignment.contains(SOLVED_MEAN) || !assignment.contains(SOLVED_SQUARE)
                || !assignment.contains(SOLVED_TWICE)) {
            throw new AssertionError("the assignment's solutions are not where the suite replaces them");
        }
        String md = assignment.replace(SOLVED_MEAN, mean).replace(SOLVED_SQUARE, square).replace(SOLVED_TWICE, twice);
        if (attack != null) {
            int helperEnd = md.indexOf("```", md.indexOf("double expected(")) + 3;
            md = md.substring(0, helperEnd) + "\n\n```java\n" + attack + "\n```\n" + md.substring(helperEnd);
        }
        return LessonReader.parse(md, "submission.md");
    }

    Path write(String relative, Notebook nb) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        NotebookWriter.write(nb, file);
        return file;
    }

    Path honest(String relative) throws IOException {
        return write(relative, notebook(SOLVED_MEAN, SOLVED_SQUARE, null));
    }

    /** Mean and twice right, square wrong: 4 of 6. */
    Path half(String relative) throws IOException {
        return write(relative, notebook(SOLVED_MEAN, "    return x + x;", null));
    }

    /** No answers at all (the stubs a student copy has), and an attack. */
    Path attacker(String relative, String attack, Map<String, String> fill) throws IOException {
        String code = attack;
        for (var e : fill.entrySet()) {
            code = code.replace(e.getKey(), e.getValue());
        }
        return write(relative, notebook(STUB, STUB, STUB, code));
    }

    /** Mean right (3 points); square and twice answered by objects that claim to equal anything. */
    Path liar(String relative) throws IOException {
        Notebook nb = notebook(SOLVED_MEAN, Attacks.LYING_SQUARE, "    return new Liar(t);", Attacks.LIARS);
        for (Cell c : nb.cells()) {
            c.setSource(c.source().replace("int square(int x) {", "Object square(int x) {"));
        }
        return write(relative, nb);
    }

    /** No answers; every check claims 100 points, and a check of its own promises 50 more. */
    Path inflated(String relative) throws IOException {
        Notebook nb = notebook(STUB, STUB, STUB, null);
        for (Cell c : nb.cells()) {
            if (c.hasTag("check")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) c.metadata().path("nbgrader")).put("points", 100);
            }
        }
        Cell bonus = Cell.code("\"passed\"");
        bonus.metadata().putArray("tags").add("check");
        bonus.metadata().putObject("nbgrader").put("grade", true).put("grade_id", "bonus-check").put("points", 50)
                .put("solution", false).put("locked", true).put("schema_version", 3).put("task", false);
        nb.cells().add(bonus);
        return write(relative, nb);
    }

    /** Honest answers, with a 21 MB PNG output on the helper cell (over Jackson's old 20 MB string limit). */
    Path bigOutput(String relative) throws IOException {
        Notebook nb = notebook(SOLVED_MEAN, SOLVED_SQUARE, null);
        byte[] png = new byte[16 * 1024 * 1024];
        String b64 = Base64.getEncoder().encodeToString(png);
        Cell helper = nb.cells().stream().filter(Cell::isCode).findFirst().orElseThrow();
        helper.outputs().add(Output.displayData(Map.of("image/png", b64), Map.of()));
        return write(relative, nb);
    }

    /** A FIFO named like a notebook: opening it would block forever. */
    Path fifo(String name) throws IOException, InterruptedException {
        Path p = dir.resolve(name);
        Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        if (mk.waitFor() != 0) {
            throw new IOException("mkfifo failed");
        }
        return p;
    }

    /** A 3 GB file (sparse: it takes no disk) named like a notebook. */
    Path huge(String name) throws IOException {
        Path p = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(3L * 1024 * 1024 * 1024);
        }
        return p;
    }
}
