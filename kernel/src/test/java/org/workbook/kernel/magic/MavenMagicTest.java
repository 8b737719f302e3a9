package org.workbook.kernel.magic;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workbook.kernel.eval.Evaluator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** %maven against a file-based repository the test writes (no network). */
class MavenMagicTest {
    @TempDir
    static Path dir;
    static Path repo;
    static Evaluator ev;

    @BeforeAll
    static void start() throws Exception {
        repo = MavenTestRepo.write(dir);
        ev = Evaluator.create(Evaluator.Options.defaults());
    }

    @AfterAll
    static void stop() {
        ev.close();
    }

    private static String run(Path settings, String cell) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        new Magics(ev, new PrintStream(printed, true, StandardCharsets.UTF_8), dir, settings).run(cell, "In [1]");
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void addsTheLibraryAndItsDependenciesAndACellUsesThem() throws Exception {
        Path local = dir.resolve("local-1");
        Path settings = MavenTestRepo.settings(dir, "settings-1.xml", repo.toUri().toString(), local);
        String out = run(settings, "%maven org.demo:greeter:1.0");
        assertTrue(out.contains("added org.demo:greeter:jar:1.0 (greeter-1.0.jar)"), out);
        assertTrue(out.contains("added org.demo:dep:jar:1.0 (dep-1.0.jar)"), out);
        assertTrue(out.matches("(?s).*conflict: com.fasterxml.jackson.core:jackson-databind:2.9.0 was asked for, but the kernel runs on"
                + " com.fasterxml.jackson.core:jackson-databind:2\\.\\d+\\.\\d+; cells get the kernel's.*"), out);
        assertEquals("hi from dep", ev.eval("demo.Greeter.hi()", "In [2]").value());

        // Cached now: resolves from the local repository even though the mirror is unreachable.
        Path offline = MavenTestRepo.settings(dir, "settings-offline.xml", "http://127.0.0.1:9/", local);
        String again = run(offline, "%maven org.demo:greeter:1.0");
        assertTrue(again.contains("added org.demo:greeter:jar:1.0"), again);
    }

    @Test
    void cellMagicTakesOneCoordinatePerLine() throws Exception {
        Path settings = MavenTestRepo.settings(dir, "settings-2.xml", repo.toUri().toString(), dir.resolve("local-2"));
        String out = run(settings, "%%maven\norg.demo:dep:1.0   // the helper\norg.demo:greeter:1.0\n");
        assertTrue(out.contains("added org.demo:dep:jar:1.0") && out.contains("added org.demo:greeter:jar:1.0"), out);
    }

    @Test
    void aMissingArtifactIsNamedWithWhereItWasLookedFor() throws Exception {
        Path settings = MavenTestRepo.settings(dir, "settings-3.xml", repo.toUri().toString(), dir.resolve("local-3"));
        MagicException e = assertThrows(MagicException.class, () -> run(settings, "%maven org.demo:nope:1.0"));
        assertTrue(e.getMessage().startsWith("%maven: org.demo:nope:jar:1.0 was not found in test-mirror (" + repo.toUri()), e.getMessage());
        assertTrue(e.getMessage().contains("Check the group, artifact and version"), e.getMessage());
    }

    @Test
    void noNetworkSaysSo() throws Exception {
        Path settings = MavenTestRepo.settings(dir, "settings-4.xml", "http://127.0.0.1:9/", dir.resolve("local-4"));
        MagicException e = assertThrows(MagicException.class, () -> run(settings, "%maven org.demo:greeter:1.0"));
        assertTrue(e.getMessage().startsWith("%maven cannot reach test-mirror (http://127.0.0.1:9/)"), e.getMessage());
        assertTrue(e.getMessage().contains("No network?"), e.getMessage());
    }

    @Test
    void badCoordinatesAreExplained() {
        MagicException e = assertThrows(MagicException.class, () -> run(dir.resolve("none.xml"), "%maven commons-math3"));
        assertEquals("%maven: commons-math3 is not GROUP:ARTIFACT:VERSION (e.g. org.apache.commons:commons-math3:3.6.1)", e.getMessage());
        e = assertThrows(MagicException.class, () -> run(dir.resolve("none.xml"), "%maven"));
        assertTrue(e.getMessage().startsWith("%maven needs GROUP:ARTIFACT:VERSION"), e.getMessage());
    }
}
