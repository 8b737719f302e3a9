package org.workbook.grading;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad command lines exit 2 with the reason, before any submission runs. */
class GradeUsageTest {
    @TempDir
    Path tmp;

    record Ran(int code, String out, String err) { }

    static Ran grade(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = new GradeMain(new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8)).run(args);
        return new Ran(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badUsageExitsTwoWithTheReason() throws Exception {
        Ran none = grade("--report", tmp.resolve("r.json").toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("no submissions given"), none.err());
        Ran memory = grade("a.ipynb", "--memory", "lots");
        assertEquals(2, memory.code());
        assertTrue(memory.err().contains("--memory takes a whole number of at least 64, not 'lots'"), memory.err());
        Files.createDirectories(tmp.resolve("dir.json"));
        Ran folder = grade("a.ipynb", "--report", tmp.resolve("dir.json").toString());
        assertEquals(2, folder.code());
        assertTrue(folder.err().contains("it is a folder"), folder.err());
        Ran noChecks = grade("a.ipynb", "--source", tmp.resolve("missing.md").toString());
        assertEquals(2, noChecks.code());
        assertTrue(noChecks.err().contains("--source " + tmp.resolve("missing.md") + ": no such file"), noChecks.err());
        Ran help = grade("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().startsWith("usage: ./workbook grade"), help.out());
    }

    @Test
    void aMissingSubmissionIsGradedZeroAndTheOthersStillRun() throws Exception {
        Path report = tmp.resolve("r.json");
        Ran r = grade(tmp.resolve("gone.ipynb").toString(), "--report", report.toString());
        assertEquals(0, r.code(), r.err());
        String json = Files.readString(report);
        assertTrue(json.contains("\"status\" : \"invalid\""), json);
        assertTrue(json.contains("gone.ipynb: no such file"), json);
    }

    @Test
    void submissionsSharingAFileNameAreNamedByPath() {
        assertEquals(List.of("alice/hw", "bob/hw", "solo"),
                GradeMain.names(List.of(Path.of("alice/hw.ipynb"), Path.of("bob/hw.ipynb"), Path.of("solo.ipynb"))));
    }
}
