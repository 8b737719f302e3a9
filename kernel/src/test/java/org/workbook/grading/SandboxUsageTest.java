package org.workbook.grading;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where no box can be made the grader refuses, naming what to install and the
 * explicit way out, rather than grade hostile code unboxed.
 */
class SandboxUsageTest {
    @TempDir
    Path tmp;

    @Test
    void withoutBubblewrapGradingStopsWithWhatToInstall() throws Exception {
        Path sub = tmp.resolve("s.ipynb");
        java.nio.file.Files.writeString(sub, "{}");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), GradeMain.class.getName(), sub.toString(),
                "--report", tmp.resolve("r.json").toString()).redirectErrorStream(true);
        pb.environment().put("WB_BWRAP", tmp.resolve("no-such-bwrap").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(GradeMain.BAD_USAGE, p.exitValue(), out);
        for (String want : List.of("bubblewrap", "apt-get install bubblewrap", "--no-sandbox")) {
            assertTrue(out.contains(want), "the message lacks '" + want + "': " + out);
        }
    }
}
