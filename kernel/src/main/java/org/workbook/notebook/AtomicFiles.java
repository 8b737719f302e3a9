package org.workbook.notebook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes text files so that nobody ever sees half of one: the text goes to a
 * temporary file beside the target, which is then moved over it. A crash or a
 * full disk leaves the old file as it was.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes {@code text} (UTF-8) to {@code file}, creating its folder when needed. */
    public static void write(Path file, String text) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Like {@link #write}, but refuses when {@code file} is {@code input} under any name. */
    public static void writeNotOver(Path file, String text, Path input) throws IOException {
        if (sameFile(file, input)) {
            throw new IOException("refusing to write " + file + ": it is the input " + input
                    + ", which must stay as it is; write the result somewhere else");
        }
        write(file, text);
    }

    /**
     * Writes only when the file does not already hold exactly {@code text}, so
     * rebuilding unchanged notebooks leaves their timestamps alone.
     *
     * @return whether the file was written
     */
    public static boolean writeIfChanged(Path file, String text) throws IOException {
        if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
            return false;
        }
        write(file, text);
        return true;
    }

    /** Whether two paths name the same file, following links, whether or not it exists yet. */
    static boolean sameFile(Path a, Path b) throws IOException {
        if (Files.exists(a) && Files.exists(b)) {
            return Files.isSameFile(a, b);
        }
        return canonical(a).equals(canonical(b));
    }

    private static Path canonical(Path p) throws IOException {
        Path abs = p.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent != null && Files.exists(parent)) {
            return parent.toRealPath().resolve(abs.getFileName());
        }
        return abs;
    }
}
