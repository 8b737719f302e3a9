package org.workbook.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LessonReaderTest {
    private static Notebook parse(String text) throws LessonFormatException {
        return LessonReader.parse(text, "lessons/x.md");
    }

    @Test
    void readsTheBasicLesson() throws IOException {
        Notebook nb = parse(Fixtures.text("lessons/basics.md"));
        List<Cell> cells = nb.cells();
        assertEquals(10, cells.size());
        assertEquals("java-workbook", nb.metadata().path("kernelspec").path("name").asText());
        assertEquals(List.of("slide", "fragment", "", "notes", "subslide", "skip", "", "slide", "", ""),
                cells.stream().map(c -> c.slideType().orElse("")).toList());
        assertEquals("# Fitting a line\n\nWe fit `y = a x + b` by hand, then let the students write the slope.",
                cells.get(0).source());
        assertEquals(CellType.CODE, cells.get(2).type());
        assertEquals(List.of("skip-execution"), cells.get(5).tags());
        assertEquals(List.of("raises-exception"), cells.get(6).tags());
        assertEquals("slope", cells.get(8).metadata().path("nbgrader").path("grade_id").asText());
        assertTrue(cells.get(8).metadata().path("nbgrader").path("solution").asBoolean());
        assertEquals(List.of("check"), cells.get(9).tags());
        assertEquals(2, cells.get(9).metadata().path("nbgrader").path("points").asInt());
        assertTrue(cells.stream().allMatch(c -> c.outputs().isEmpty() && c.executionCount() == null));
    }

    @Test
    void readsTheTrickyLesson() throws IOException {
        List<Cell> cells = parse(Fixtures.text("lessons/tricky.md")).cells();
        assertEquals("String fence = \"\"\"\n```\n\"\"\";", cells.get(1).source(), "``` inside a code cell");
        assertEquals("// a line of four backticks:\n````\nint trailing = 1;   ", cells.get(2).source());
        assertEquals("", cells.get(3).source(), "empty code cell");
        assertEquals(CellType.MARKDOWN, cells.get(4).type());
        assertEquals("", cells.get(4).source(), "empty markdown cell");
        assertEquals("Second one, right after.", cells.get(7).source(), "consecutive markdown cells");
        assertEquals("\nThird, starting with a blank line and ending with one.\n", cells.get(8).source());
        assertTrue(cells.get(9).source().contains("```java\nSystem.exit(0);\n```"), "```java in markdown");
        assertEquals(CellType.RAW, cells.get(12).type());
        assertEquals(List.of("a tag with spaces", "ünïcode"), cells.get(13).tags());
        assertEquals("-", cells.get(11).slideType().orElseThrow(), "metadata marker");
        assertEquals("a --> b", cells.get(11).metadata().path("note").asText());
        assertEquals("", cells.get(cells.size() - 1).source(), "empty markdown cell at the end");
    }

    @Test
    void idsAreStableAndUnique() throws IOException {
        String lesson = Fixtures.text("lessons/tricky.md");
        List<String> ids = parse(lesson).cells().stream().map(Cell::id).toList();
        assertEquals(ids, parse(lesson).cells().stream().map(Cell::id).toList());
        assertEquals(ids.size(), ids.stream().distinct().count());
        List<String> edited = parse(lesson.replace("int afterEmpty = 2;", "int afterEmpty = 3;"))
                .cells().stream().map(Cell::id).toList();
        long changed = java.util.stream.IntStream.range(0, ids.size()).filter(i -> !ids.get(i).equals(edited.get(i))).count();
        assertEquals(1, changed, "editing one cell changes one id");
    }

    @Test
    void windowsLineEndsAreRead() throws LessonFormatException {
        List<Cell> cells = parse("# T\r\n\r\n```java\r\nint x;\r\n```\r\n").cells();
        assertEquals(List.of("# T", "int x;"), cells.stream().map(Cell::source).toList());
    }

    @Test
    void markersSeparatedByABlankLineStillDescribeTheNextCell() throws LessonFormatException {
        List<Cell> cells = parse("<!-- slide -->\n\n```java\nint x;\n```\n").cells();
        assertEquals(1, cells.size());
        assertEquals("slide", cells.get(0).slideType().orElseThrow());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "```java\\nint x;\\n|1|the ```java fence is never closed; end the cell with a line of just ```",
        "text\\n\\n<!-- slides -->\\nmore|3|unknown marker <!-- slides -->",
        "<!-- slide: big -->\\ntext|1|the marker <!-- slide --> takes no value",
        "<!-- tags -->\\ntext|1|needs a value after the colon",
        "<!-- tags: a, , b -->\\ntext|1|an empty tag in <!-- tags: a, , b -->",
        "<!-- tags: a, a -->\\ntext|1|the tag 'a' twice",
        "<!-- slide -->\\n<!-- notes -->\\ntext|2|a second <!-- notes --> marker for the same cell (line 1 has one)",
        "text\\n\\n<!-- skip -->|3|apply to no cell",
        "<!-- exercise: e1 -->\\n```java\\nint x;\\n```|1|this exercise cell has no solution region",
        "```java\\nint f() {\\n// BEGIN SOLUTION\\nreturn 1;\\n// END SOLUTION\\n}\\n```|3|a solution region in a cell without an exercise marker",
        "<!-- exercise: e1 -->\\n```java\\n// BEGIN SOLUTION\\nint x;\\n```|3|// BEGIN SOLUTION without a // END SOLUTION",
        "<!-- exercise: e1 -->\\n```java\\nint x;\\n// END SOLUTION\\n```|4|// END SOLUTION without a // BEGIN SOLUTION",
        "<!-- exercise: e1 -->\\n```java\\nint f() {\\n  int y = 0;\\n  // BEGIN SOLUTION\\n  y++;\\n  // END SOLUTION\\n  return y;\\n}\\n```|7|code follows // END SOLUTION inside the same block",
        "<!-- exercise: e1 -->\\n```java\\nint f() {\\n  // BEGIN SOLUTION\\n  if (true) {\\n  // END SOLUTION\\n  }\\n  return 1;\\n}\\n```|6|opens 1 brace(s) it does not close",
        "<!-- exercise: e1 -->\\n```java\\nvoid f() {\\n  // BEGIN SOLUTION\\n}\\nvoid g() {\\n  // END SOLUTION\\n}\\n```|5|closes a block it did not open",
        "<!-- exercise: bad name -->\\n```java\\nint x;\\n```|1|an exercise name is letters, digits, - and _",
        "<!-- exercise: e1 -->\\ntext|1|belongs above a ```java cell, not a markdown cell",
        "<!-- check: c1 -->\\n```java\\nint x;\\n```|1|write a check marker as <!-- check: NAME points=N -->",
        "<!-- check: c1 points=0 -->\\n```java\\nint x;\\n```|1|write a check marker as",
        "<!-- tags: check -->\\n<!-- check: c1 points=1 -->\\n```java\\nint x;\\n```|2|the check marker tags the cell 'check' itself",
        "<!-- check: c1 points=1 -->\\n```java\\nint x;\\n```\\n\\n<!-- check: c1 points=1 -->\\n```java\\nint y;\\n```|6|the name 'c1' is already used on line 1",
        "<!-- metadata: {\"a\": } -->\\ntext|1|the metadata marker holds invalid JSON",
        "<!-- metadata: [1] -->\\ntext|1|must hold one JSON object",
        "<!-- slide -->\\n<!-- metadata: {\"slideshow\": {}} -->\\ntext|1|both <!-- slide --> and the metadata marker set 'slideshow'",
        "<!-- attachments: {} -->\\n```java\\nx\\n```|1|code cells have no attachments",
    })
    void badLessonsSayWhereAndWhatIsWrong(String text, int line, String message) {
        LessonFormatException e = assertThrows(LessonFormatException.class, () -> parse(text.replace("\\n", "\n")));
        assertTrue(e.getMessage().startsWith("lessons/x.md:" + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertEquals(line, e.line());
    }
}
