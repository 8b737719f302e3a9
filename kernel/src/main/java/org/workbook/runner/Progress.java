package org.workbook.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the run is, written to the file named by {@code -Dworkbook.runner.progress}
 * ("NAME TAB CELL" as the run goes, "done" once the runner has reported its
 * end). Nothing in a JVM outlives {@code Runtime.halt}, a crash or a kill, so
 * {@code scripts/run-lessons.sh} reads the file after the JVM has gone: if it
 * does not say "done", the run ended abruptly there, and the script says so
 * and exits non-zero.
 */
final class Progress {
    static final String PROPERTY = "workbook.runner.progress";
    private final Path file;

    private Progress(Path file) {
        this.file = file;
    }

    static Progress fromProperty() {
        String p = System.getProperty(PROPERTY);
        return new Progress(p == null || p.isBlank() ? null : Path.of(p));
    }

    /** Notebook {@code name} is running its cell {@code index} (0-based; -1: starting). */
    void at(String name, int index) {
        write(name + "\t" + (index >= 0 ? "cell " + (index + 1) : "before its first cell") + "\n");
    }

    void done() {
        write("done\n");
    }

    private void write(String text) {
        if (file == null) {
            return;
        }
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            // A progress note that cannot be written costs only the message after a halt.
        }
    }
}
