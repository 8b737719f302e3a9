package org.workbook.grading;

import org.junit.jupiter.api.Test;
import org.workbook.notebook.Cell;
import org.workbook.notebook.Notebook;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How a trail becomes points when the JVM ended in ways a real run rarely shows. */
class ScorerTest {
    static Notebook notebook() {
        Notebook nb = new Notebook();
        nb.cells().add(Cell.markdown("# task"));
        nb.cells().add(Cell.code("int f() { return 1; }"));
        nb.cells().add(Cell.code("check(f() == 1)").addTag("check"));
        nb.cells().add(Cell.code("check(f() == 1)").addTag("check"));
        return nb;
    }

    static final List<CheckCells.Check> CHECKS = List.of(new CheckCells.Check(2, "a", 1, null),
            new CheckCells.Check(3, "b", 2, null));

    static WorkerEvent end(int cell, String status, String ename, String evalue, String stderr) {
        return new WorkerEvent(WorkerEvent.Kind.END, cell, status, ename, evalue, stderr, 5);
    }

    @Test
    void aJvmThatVanishesMidCheckScoresWhatFinished() {
        List<WorkerEvent> trail = List.of(WorkerEvent.start(1), end(1, "ok", null, null, null),
                WorkerEvent.start(2), end(2, "ok", null, null, null), WorkerEvent.start(3));
        SubmissionGrade g = Scorer.score("s.ipynb", "s", notebook(), CHECKS, trail,
                new Scorer.ProcessEnd(137, false, 60, "java.lang.OutOfMemoryError: Metaspace", 3));
        assertEquals("out-of-memory", g.status());
        assertEquals("the submission ran out of memory in cell 4", g.reason());
        assertEquals(1.0, g.score());
        assertEquals(3.0, g.maxScore());
        assertEquals(CheckGrade.Status.ERROR, g.checks().get(1).status());
        assertEquals(g.reason(), g.checks().get(1).reason());
    }

    @Test
    void aWorkerCrashIsNamedAndLaterChecksAreNotRun() {
        List<WorkerEvent> trail = List.of(WorkerEvent.start(1),
                WorkerEvent.crash(1, new IllegalStateException("JShell could not start")));
        SubmissionGrade g = Scorer.score("s.ipynb", "s", notebook(), CHECKS, trail,
                new Scorer.ProcessEnd(3, false, 60, "", 1));
        assertEquals("the grading JVM failed in cell 2: IllegalStateException: JShell could not start", g.reason());
        assertEquals("not run: " + g.reason(), g.checks().get(0).reason());
    }

    @Test
    void failuresNameTheEarlierErrorAndStderrInTaskCellsIsOnlyNoted() {
        List<WorkerEvent> trail = List.of(end(1, "error", "OutOfMemoryError", "Java heap space", "oops\n"),
                end(2, "error", "AssertionError", "expected 1 but got 0", null),
                end(3, "error", "CompilationError", "line 1: cannot find symbol", null), WorkerEvent.done());
        SubmissionGrade g = Scorer.score("s.ipynb", "s", notebook(), CHECKS, trail,
                new Scorer.ProcessEnd(0, false, 60, "", 1));
        assertEquals("graded", g.status());
        assertEquals(CheckGrade.Status.FAILED, g.checks().get(0).status());
        assertEquals("expected 1 but got 0 (cell 2 failed before it: OutOfMemoryError: Java heap space)",
                g.checks().get(0).reason());
        assertEquals("CompilationError: line 1: cannot find symbol", g.checks().get(1).reason());
        assertEquals(List.of("cell 2 wrote to stderr: oops"), g.notes());
    }
}
