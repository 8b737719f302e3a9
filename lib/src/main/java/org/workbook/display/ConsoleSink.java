package org.workbook.display;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sink plain Java gets: prints {@code text/plain} and writes each image to a
 * PNG file it names on the console, so {@code showImage} in a main method still
 * leaves something to look at. The folder is {@code -Dworkbook.figures=DIR}
 * (default {@code build/figures}).
 */
public final class ConsoleSink implements DisplaySink {
    private final PrintStream out;
    private final Path dir;
    private final AtomicInteger count = new AtomicInteger();

    public ConsoleSink() {
        this(System.out, Path.of(System.getProperty("workbook.figures", "build/figures")));
    }

    public ConsoleSink(PrintStream out, Path dir) {
        this.out = out;
        this.dir = dir;
    }

    @Override
    public void display(MimeBundle bundle, String displayId) {
        String png = bundle.data().get("image/png");
        if (png != null) {
            Path file = dir.resolve(String.format("figure-%03d.png", count.incrementAndGet()));
            try {
                Files.createDirectories(dir);
                Files.write(file, Base64.getMimeDecoder().decode(png));
                out.println(bundle.plain() + " -> " + file);
            } catch (IOException e) {
                out.println(bundle.plain() + " (could not write " + file + ": " + e.getMessage() + ")");
            }
        } else {
            out.println(bundle.plain());
        }
    }

    @Override
    public void update(String displayId, MimeBundle bundle) {
        display(bundle, displayId);
    }

    /** The folder images are written to. */
    public Path dir() {
        return dir;
    }
}
