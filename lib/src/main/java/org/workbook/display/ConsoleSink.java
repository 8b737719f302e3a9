package org.workbook.display;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    private final Map<String, Path> files = new ConcurrentHashMap<>();

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
            if (displayId != null) {
                files.put(displayId, file);
            }
            write(bundle, png, file, "");
        } else {
            out.println(bundle.plain());
        }
    }

    /**
     * An image shown under {@code displayId} is rewritten in its file, as a notebook
     * redraws it in place (a live training plot leaves one file, not one per epoch).
     */
    @Override
    public void update(String displayId, MimeBundle bundle) {
        String png = bundle.data().get("image/png");
        Path file = displayId == null ? null : files.get(displayId);
        if (png != null && file != null) {
            write(bundle, png, file, " (updated)");
        } else {
            display(bundle, displayId);
        }
    }

    private void write(MimeBundle bundle, String png, Path file, String note) {
        try {
            Files.createDirectories(dir);
            Files.write(file, Base64.getMimeDecoder().decode(png));
            out.println(bundle.plain() + note + " -> " + file);
        } catch (IOException e) {
            out.println(bundle.plain() + " (could not write " + file + ": " + e.getMessage() + ")");
        }
    }

    /** The folder images are written to. */
    public Path dir() {
        return dir;
    }
}
