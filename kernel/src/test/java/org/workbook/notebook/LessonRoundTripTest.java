package org.workbook.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** lessons -> notebooks -> lessons gives the lesson back, byte for byte; notebooks survive a lesson too. */
class LessonRoundTripTest {
    static Stream<String> lessons() throws IOException {
        return Fixtures.lessonNames().stream();
    }

    @ParameterizedTest
    @MethodSource("lessons")
    void lessonToNotebookToLessonIsLossless(String name) throws IOException {
        String lesson = Fixtures.text("lessons/" + name);
        Notebook nb = LessonReader.parse(lesson, name);
        assertEquals(lesson, LessonWriter.toLesson(nb));
    }

    @ParameterizedTest
    @MethodSource("lessons")
    void losslessThroughTheIpynbFileToo(String name) throws IOException {
        String lesson = Fixtures.text("lessons/" + name);
        String json = NotebookWriter.toJson(LessonReader.parse(lesson, name));
        Notebook fromFile = NotebookReader.parse(json, name + ".ipynb");
        assertEquals(lesson, LessonWriter.toLesson(fromFile));
        assertEquals(json, NotebookWriter.toJson(LessonReader.parse(LessonWriter.toLesson(fromFile), name)),
                "rebuilding gives the same file, ids included");
    }

    /** Lines that trip up a line-based format: fences, markers, blanks, trailing space. */
    private static final List<String> NASTY = List.of("", "", " ", "\t", "text", "trailing  ", "```", "````",
            "```java", "````java", "```raw", "```markdown", "~~~", "<!-- slide -->", "<!-- cell -->",
            "<!-- tags: x -->", "<!-- todo: later -->", "<!-- a comment with words -->", "<!--", "-->",
            "// BEGIN SOLUTION?", "    indented", "# heading", "é😀", "{", "}");

    private static String randomSource(Random rng) {
        int lines = rng.nextInt(6);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            sb.append(NASTY.get(rng.nextInt(NASTY.size())));
            if (i < lines - 1 || rng.nextInt(4) == 0) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static Notebook randomNotebook(Random rng) {
        Notebook nb = Notebook.forWorkbookKernel();
        int cells = rng.nextInt(8);
        for (int i = 0; i < cells; i++) {
            CellType type = CellType.values()[rng.nextInt(3)];
            Cell c = new Cell(type, randomSource(rng));
            ObjectNode md = c.metadata();
            switch (rng.nextInt(7)) {
                case 0: md.putObject("slideshow").put("slide_type",
                        List.of("slide", "subslide", "fragment", "notes", "skip", "-").get(rng.nextInt(6))); break;
                case 1: c.addTag("t" + rng.nextInt(3)); c.addTag(" odd"); break;
                case 2: c.addTag("a b"); break;
                case 3: md.put("collapsed", rng.nextBoolean()).put("x", "-->"); break;
                case 4:
                    if (type == CellType.CODE) {
                        c.addTag("check");
                        if (rng.nextBoolean()) {
                            c.addTag(rng.nextBoolean() ? "slow" : " odd");
                        }
                        md.set("nbgrader", Nbgrader.check("c" + i, rng.nextBoolean()
                                ? Json.NODES.numberNode(1 + rng.nextInt(5)) : Json.NODES.numberNode(0.5)));
                    }
                    break;
                case 5:
                    if (type == CellType.CODE) {
                        c.setSource("int f" + i + "() {\n    // BEGIN SOLUTION\n    return 1;\n    // END SOLUTION\n}");
                        md.set("nbgrader", Nbgrader.solution("e" + i));
                    }
                    break;
                default: break;
            }
            if (type != CellType.CODE && rng.nextInt(5) == 0) {
                c.setAttachments(Json.object().set("a.png", Json.object().put("image/png", "AAAA")));
            }
            nb.cells().add(c);
        }
        CellIds.assign(nb.cells());
        return nb;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void randomNotebooksSurviveALesson(long seed) throws IOException {
        Random rng = new Random(seed);
        for (int round = 0; round < 50; round++) {
            Notebook nb = randomNotebook(rng);
            String lesson = LessonWriter.toLesson(nb);
            Notebook back = LessonReader.parse(lesson, "random-" + seed + "-" + round + ".md");
            assertEquals(NotebookWriter.toJson(nb), NotebookWriter.toJson(back), () -> "lesson:\n" + lesson);
            assertEquals(lesson, LessonWriter.toLesson(back));
        }
    }
}
