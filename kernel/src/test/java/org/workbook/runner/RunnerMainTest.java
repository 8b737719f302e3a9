package org.workbook.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workbook.notebook.Cell;
import org.workbook.notebook.Notebook;
import org.workbook.notebook.Output;
import org.workbook.notebook.OutputType;
import org.workbook.backend.cuda.Cuda;
import org.workbook.tensor.Device;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.workbook.runner.RunnerFixtures.asNotebook;
import static org.workbook.runner.RunnerFixtures.read;
import static org.workbook.runner.RunnerFixtures.resource;
import static org.workbook.runner.RunnerFixtures.run;

class RunnerMainTest {
    @TempDir
    Path tmp;

    private static List<Cell> code(Notebook nb) {
        return nb.cells().stream().filter(Cell::isCode).toList();
    }

    private static List<OutputType> types(Cell c) {
        return c.outputs().stream().map(Output::type).toList();
    }

    @Test
    void executedNotebookHoldsEveryOutputInOrderAndStopsAtTheFirstRealError() throws Exception {
        Path lesson = resource("demo.md");
        byte[] before = Files.readAllBytes(lesson);
        FileTime mtime = Files.getLastModifiedTime(lesson);
        RunnerFixtures.Ran r = run(lesson.toString(), "--out", tmp.toString());

        assertEquals(1, r.code(), r.out() + r.err());
        assertEquals("", r.err());
        assertArrayEquals(before, Files.readAllBytes(lesson), "the input must stay as it was");
        assertEquals(mtime, Files.getLastModifiedTime(lesson));
        List<Cell> cells = code(read(tmp.resolve("demo.ipynb")));
        assertEquals(8, cells.size());

        Cell prints = cells.get(0);
        assertEquals(1, prints.executionCount());
        assertEquals(List.of(OutputType.STREAM, OutputType.STREAM, OutputType.STREAM), types(prints));
        assertEquals(List.of("stdout", "stderr", "stdout"), prints.outputs().stream().map(Output::name).toList());
        assertEquals(List.of("hello\n", "careful\n", "bye\n"), prints.outputs().stream().map(Output::text).toList());

        Cell chart = cells.get(1);
        assertEquals(List.of(OutputType.EXECUTE_RESULT), types(chart));
        assertEquals(2, chart.outputs().get(0).executionCount());
        String png = chart.outputs().get(0).data().get("image/png").asText();
        assertTrue(png.startsWith("iVBORw0KGgo"), "a base64 PNG, got " + png.substring(0, 20));

        Cell progress = cells.get(2);
        assertEquals(List.of(OutputType.DISPLAY_DATA, OutputType.STREAM), types(progress),
                "one table, updated in place, then the print");
        String table = progress.outputs().get(0).data().get("text/plain").asText();
        assertTrue(table.contains("0.333"), "the table holds its last row: " + table);
        assertEquals("trained\n", progress.outputs().get(1).text());

        Output expected = cells.get(3).outputs().get(0);
        assertEquals(OutputType.ERROR, expected.type());
        assertEquals("IllegalStateException", expected.ename());
        assertEquals("this one is expected", expected.evalue());

        assertNull(cells.get(4).executionCount(), "skip-execution cells do not run");
        assertTrue(cells.get(4).outputs().isEmpty());

        assertEquals(List.of(OutputType.DISPLAY_DATA, OutputType.DISPLAY_DATA, OutputType.EXECUTE_RESULT),
                types(cells.get(5)));
        assertEquals("2", cells.get(5).outputs().get(2).data().get("text/plain").asText());
        assertEquals(5, cells.get(5).executionCount());

        Output error = cells.get(6).outputs().get(0);
        assertEquals("ArrayIndexOutOfBoundsException", error.ename());
        assertFalse(error.traceback().isEmpty());
        assertNull(cells.get(7).executionCount(), "nothing runs after a failing cell");
        assertTrue(cells.get(7).outputs().isEmpty());

        assertTrue(r.out().contains("FAILED: cell 9 (In [6]): ArrayIndexOutOfBoundsException"), r.out());
        assertTrue(r.out().matches("(?s).*demo\\s+6/8\\s+\\d+\\.\\d s\\s+FAILED.*"), r.out());
        assertTrue(r.out().matches("(?s).*demo\\s+pixel-similarity accuracy\\s+0\\.9511\\s+0\\.9511\\s+same\n.*"),
                r.out());
        assertTrue(r.out().matches("(?s).*demo\\s+mnist loss\\s+0\\.5000\\s+0\\.4333\\s+DIFFERS\n.*"), r.out());
    }

    @Test
    void allowErrorsRunsEveryCellAndPasses() throws Exception {
        RunnerFixtures.Ran r = run(resource("demo.md").toString(), "--out", tmp.toString(), "--allow-errors");
        assertEquals(0, r.code(), r.out());
        List<Cell> cells = code(read(tmp.resolve("demo.ipynb")));
        assertEquals("never printed\n", cells.get(7).outputs().get(0).text());
        assertTrue(r.out().contains("passed, errors allowed"), r.out());
    }

    @Test
    void passingNotebookExitsZeroAndParametersReplaceVariables() throws Exception {
        Path nb = asNotebook("passing", tmp);
        byte[] before = Files.readAllBytes(nb);
        Path out = tmp.resolve("out");
        RunnerFixtures.Ran r = run(nb.toString(), "--out", out.toString(), "-p", "EPOCHS=1");
        assertEquals(0, r.code(), r.out() + r.err());
        assertArrayEquals(before, Files.readAllBytes(nb));
        List<Cell> cells = code(read(out.resolve("passing.ipynb")));
        assertEquals("int EPOCHS = 1;", cells.get(1).source());
        assertTrue(cells.get(1).hasTag(Parameters.TAG));
        assertEquals("epochs: 1\n", cells.get(2).outputs().get(0).text());
        assertTrue(r.out().contains("1 of 1 notebooks passed"), r.out());
    }

    @Test
    void unknownParameterIsBadUsage() {
        RunnerFixtures.Ran r = run(resource("passing.md").toString(), "--out", tmp.toString(), "-p", "STEPS=2");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("passing.md: no code cell declares STEPS"), r.err());
    }

    @Test
    void invalidNotebookExitsTwoNamingTheFileAndTheJsonProblem() {
        RunnerFixtures.Ran r = run(resource("broken.ipynb").toString(), resource("passing.md").toString(),
                "--out", tmp.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("broken.ipynb: line 4, column 2: not valid JSON"), r.err());
        assertTrue(r.err().contains("nothing was run"), r.err());
        assertFalse(Files.exists(tmp.resolve("passing.ipynb")), "a bad input stops the run before it starts");
    }

    @Test
    void aCellPastItsTimeIsStoppedAndTheRestIsNotRun() throws Exception {
        Path nb = asNotebook("loops", tmp);
        byte[] before = Files.readAllBytes(nb);
        Path out = tmp.resolve("out");
        long t0 = System.nanoTime();
        RunnerFixtures.Ran r = run(nb.toString(), "--out", out.toString(), "--cell-timeout", "1");
        assertTrue((System.nanoTime() - t0) / 1e9 < 60, "the loop was stopped");
        assertEquals(1, r.code(), r.out());
        assertArrayEquals(before, Files.readAllBytes(nb), "the input is untouched when a cell fails");
        List<Cell> cells = code(read(out.resolve("loops.ipynb")));
        Output timeout = cells.get(1).outputs().get(0);
        assertEquals("TimeoutError", timeout.ename());
        assertEquals("the cell ran longer than 1 s (--cell-timeout)", timeout.evalue());
        assertNull(cells.get(2).executionCount());
        assertTrue(r.out().contains("TIMEOUT: cell 3 (In [2]): the cell ran longer than 1 s"), r.out());
    }

    @Test
    void theTotalTimeLimitStopsTheRun() throws Exception {
        RunnerFixtures.Ran r = run(resource("loops.md").toString(), resource("passing.md").toString(),
                "--out", tmp.toString(), "--timeout", "2");
        assertEquals(1, r.code(), r.out());
        Output timeout = code(read(tmp.resolve("loops.ipynb"))).get(1).outputs().get(0);
        assertTrue(timeout.evalue().startsWith("the run went past its total time limit of 2 s"), timeout.evalue());
        assertTrue(r.out().contains("not run (the time limit ran out)"), r.out());
        assertFalse(Files.exists(tmp.resolve("passing.ipynb")));
    }

    @Test
    void theOutputNeverReplacesTheInput() throws Exception {
        Path nb = asNotebook("passing", tmp);
        byte[] before = Files.readAllBytes(nb);
        RunnerFixtures.Ran r = run(nb.toString(), "--out", tmp.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("would be overwritten"), r.err());
        assertArrayEquals(before, Files.readAllBytes(nb));
    }

    @Test
    void usageErrorsExitTwoWithTheReason() {
        RunnerFixtures.Ran unknown = run("--frobnicate");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown option '--frobnicate'"), unknown.err());
        RunnerFixtures.Ran missing = run(tmp.resolve("nope.ipynb").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nope.ipynb: no such file"), missing.err());
        RunnerFixtures.Ran badTime = run("--cell-timeout", "soon", resource("passing.md").toString());
        assertEquals(2, badTime.code());
        assertTrue(badTime.err().contains("--cell-timeout takes a positive number of seconds"), badTime.err());
        RunnerFixtures.Ran noLessons = run("--root", tmp.toString());
        assertEquals(2, noLessons.code());
        assertTrue(noLessons.err().contains("no lessons in"), noLessons.err());
        RunnerFixtures.Ran help = run("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().startsWith("usage: ./workbook run"));
    }

    @Test
    void cudaWithoutAGpuIsBadUsageQuotingWhy() {
        assumeFalse(Device.cudaAvailable(), "this machine has CUDA");
        try {
            RunnerFixtures.Ran r = run("--device", "cuda", resource("passing.md").toString(), "--out", tmp.toString());
            assertEquals(2, r.code());
            assertEquals("error: --device cuda: CUDA device cuda:0 requested, but CUDA is not available here: "
                    + Cuda.unavailableReason() + ". Use Device.CPU (or Device.best(), which picks the CPU when there is "
                    + "no GPU).\n", r.err());
            assertFalse(Files.exists(tmp.resolve("passing.ipynb")), "nothing runs after a usage error");
            RunnerFixtures.Ran second = run("--device", "cuda:1", resource("passing.md").toString());
            assertEquals(2, second.code());
            assertTrue(second.err().startsWith("error: --device cuda:1: CUDA device cuda:1 requested, but CUDA is not "
                    + "available here: "), second.err());
            RunnerFixtures.Ran typo = run("--device", "tpu", resource("passing.md").toString());
            assertEquals(2, typo.code());
            assertEquals("error: --device tpu: Unknown device 'tpu': expected cpu, cuda, cuda:N or best\n", typo.err());
            assertEquals(Device.CPU, Device.best(), "a refused --device changes nothing");
        } finally {
            Device.setDefault(null);
        }
    }

    @Test
    void deviceCpuPinsDeviceBestForTheLessonsAndSaysSo() throws Exception {
        Path lesson = tmp.resolve("device.md");
        Files.writeString(lesson, "# device\n\n```java\nDevice device = Device.best();\n```\n\n"
                + "```java\ntensor(1.0, 2.0).to(device).device().toString()\n```\n");
        try {
            RunnerFixtures.Ran r = run("--device", "CPU", lesson.toString(), "--out", tmp.resolve("out").toString());
            assertEquals(0, r.code(), r.out() + r.err());
            assertTrue(r.out().startsWith("--device cpu: Device.best() is cpu, so the lessons put their models and data "
                    + "there\n"), r.out());
            assertEquals(Device.CPU, Device.best());
            List<Cell> cells = code(read(tmp.resolve("out/device.ipynb")));
            assertEquals("\"cpu\"", cells.get(1).outputs().get(0).data().get("text/plain").asText());

            RunnerFixtures.Ran best = run("--device", "best", lesson.toString(), "--out", tmp.resolve("out").toString());
            assertEquals(0, best.code(), best.out() + best.err());
            String machine = Device.cudaAvailable() ? "cuda:0" : "cpu (CUDA: not available: " + Cuda.unavailableReason()
                    + ")";
            assertTrue(best.out().startsWith("--device best: Device.best() is " + machine), best.out());
            assertEquals(Device.cudaAvailable() ? Device.cuda(0) : Device.CPU, Device.best(), "best: the machine chooses");
        } finally {
            Device.setDefault(null);
        }
    }

    @Test
    void lessonNamesAndFoldersAreFoundUnderTheRoot() throws Exception {
        Path root = tmp.resolve("project");
        Files.createDirectories(root.resolve("lessons"));
        Files.copy(resource("passing.md"), root.resolve("lessons/01-passing.md"));
        Files.writeString(root.resolve("lessons/README.md"), "# not a lesson\n");
        RunnerFixtures.Ran byName = run("--root", root.toString(), "01-passing");
        assertEquals(0, byName.code(), byName.out() + byName.err());
        assertTrue(Files.exists(root.resolve("build/executed/01-passing.ipynb")));
        List<Inputs.Input> all = Inputs.resolve(List.of(), root);
        assertEquals(List.of("01-passing"), all.stream().map(Inputs.Input::name).toList());
        List<Inputs.Input> dir = Inputs.resolve(List.of(root.resolve("lessons").toString()), root);
        assertEquals(all, dir);
    }

    @Test
    void widgetsDrawTheirFirstStateAndMagicsWork() throws Exception {
        RunnerFixtures.Ran r = run(resource("widgets.md").toString(), "--out", tmp.toString());
        assertEquals(1, r.code(), r.out());
        List<Cell> cells = code(read(tmp.resolve("widgets.ipynb")));
        assertEquals(List.of(OutputType.DISPLAY_DATA), types(cells.get(0)), "interact shows one static picture");
        assertTrue(cells.get(0).outputs().get(0).data().has("image/png"));
        assertTrue(cells.get(1).outputs().get(0).text().startsWith("Wall time: "), cells.get(1).outputs().toString());
        Output usage = cells.get(2).outputs().get(0);
        assertEquals("UsageError", usage.ename());
        assertTrue(usage.evalue().startsWith("unknown magic %nosuchmagic"), usage.evalue());
    }
}
