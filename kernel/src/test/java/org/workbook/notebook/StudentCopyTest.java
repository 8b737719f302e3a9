package org.workbook.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.workbook.notebook.JShellCells.Result;

class StudentCopyTest {
    private static Notebook lesson(String name) throws IOException {
        return LessonReader.parse(Fixtures.text("lessons/" + name), name);
    }

    @Test
    void replacesEachRegionByTheStubKeepingSignaturesAndIndent() throws Exception {
        String src = "class A {\n    int f() {\n        // BEGIN SOLUTION\n        return 1;\n        // END SOLUTION\n"
                + "    }\n}";
        assertEquals("class A {\n    int f() {\n        throw new UnsupportedOperationException(\"your code here\");\n"
                + "    }\n}", SolutionRegions.stub(src));
        assertEquals("throw new UnsupportedOperationException(\"your code here\");\nx",
                SolutionRegions.stub("// BEGIN SOLUTION\nint a = 1;\n//END SOLUTION\nx"));
        assertEquals("no region", SolutionRegions.stub("no region"));
    }

    @Test
    void studentCopiesHaveNoSolutionsAndFullNbgraderMetadata() throws IOException {
        Notebook student = StudentCopy.of(lesson("exercises.md"), "exercises");
        for (Cell c : student.cells()) {
            assertFalse(c.source().contains("BEGIN SOLUTION") || c.source().contains("squares[i] = i * i")
                    || c.source().contains("n *= d"), c.source());
        }
        Cell shapes = student.cells().get(4);
        assertEquals(2, shapes.source().split("your code here", -1).length - 1, shapes.source());
        assertTrue(shapes.source().contains("    static int numel(int[] shape) {\n        int n = 1;\n"
                + "        for (int d : shape) {\n            throw new UnsupportedOperationException"), shapes.source());
        var grader = shapes.metadata().get("nbgrader");
        assertEquals(Nbgrader.checksum(shapes), grader.get("checksum").asText());
        assertEquals("code", grader.get("cell_type").asText());
        assertFalse(shapes.metadata().get("deletable").asBoolean());
        assertFalse(shapes.metadata().has("editable"), "students edit task cells");
        Cell check = student.cells().get(5);
        assertFalse(check.metadata().get("editable").asBoolean());
        assertFalse(check.metadata().get("deletable").asBoolean());
        assertEquals(List.of("check", "slow"), check.tags());
        assertEquals(lesson("exercises.md").cells().get(5).source(), check.source(), "checks are unchanged");
        assertFalse(student.cells().get(0).metadata().has("deletable"), "plain cells are left alone");
    }

    @Test
    void theIdsStayThoseOfTheLessonNotebook() throws IOException {
        Notebook nb = lesson("basics.md");
        Notebook student = StudentCopy.of(nb, "basics");
        assertEquals(nb.cells().stream().map(Cell::id).toList(), student.cells().stream().map(Cell::id).toList());
    }

    @Test
    void lessonsRunAndTheirChecksPass() throws IOException {
        try (JShellCells shell = new JShellCells()) {
            List<Result> results = shell.run(lesson("exercises.md"));
            assertEquals(List.of(Result.OK, Result.OK, Result.OK, Result.OK, Result.OK), results, shell.details::toString);
        }
        try (JShellCells shell = new JShellCells()) {
            List<Result> results = shell.run(lesson("basics.md"));
            assertEquals(List.of(Result.OK, Result.OK, Result.SKIPPED, Result.THREW, Result.OK, Result.OK), results,
                    shell.details::toString);
        }
    }

    @Test
    void studentCopiesCompileAndTheirChecksFail() throws IOException {
        try (JShellCells shell = new JShellCells()) {
            List<Result> results = shell.run(StudentCopy.of(lesson("exercises.md"), "exercises"));
            // The top-level region throws and leaves `squares` undefined, so its check cannot compile.
            assertEquals(List.of(Result.THREW, Result.REJECTED, Result.OK, Result.THREW, Result.OK), results,
                    shell.details::toString);
            assertTrue(shell.details.get(0).contains("your code here"), shell.details.toString());
            assertTrue(shell.details.get(2).contains("your code here"), shell.details.toString());
        }
        try (JShellCells shell = new JShellCells()) {
            List<Result> results = shell.run(StudentCopy.of(lesson("basics.md"), "basics"));
            assertEquals(List.of(Result.OK, Result.OK, Result.SKIPPED, Result.THREW, Result.OK, Result.THREW), results,
                    shell.details::toString);
        }
    }

    @Test
    void aRegionOutsideAnExerciseCellIsRefused() {
        Notebook nb = Notebook.forWorkbookKernel();
        nb.cells().add(Cell.code("// BEGIN SOLUTION\nint x = 1;\n// END SOLUTION"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StudentCopy.of(nb, "nb.ipynb"));
        assertTrue(e.getMessage().startsWith("nb.ipynb: cell 1 has a // BEGIN SOLUTION region but is no exercise cell"),
                e.getMessage());
    }
}
