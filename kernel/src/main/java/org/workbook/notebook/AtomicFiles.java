package org.workbook.notebook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;

/**
 * Writes text files so that nobody ever sees half of one: the text goes to a
 * temporary file beside the target, which is then moved over it. A crash or a
 * full disk leaves the old file as it was. The file gets the permissions any
 * new file gets (the umask's, usually readable by all: notebooks are handed
 * out), or keeps those it had.
 */
public final class AtomicFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** Writes {@code text} (UTF-8) to {@code file}, creating its folder when needed. */
    public static void write(Path file, String text) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = newTemp(dir, target.getFileName().toString());
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            keepPermissions(target, tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A new empty file beside the target. Not {@code Files.createTempFile}: its files are
     * owner-only (0600), which would make every notebook unreadable to the group and others.
     */
    private static Path newTemp(Path dir, String name) throws IOException {
        while (true) {
            Path tmp = dir.resolve("." + name + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                // another writer's name: draw again
            }
        }
    }

    /** A file written over keeps its permissions (someone may have made it private on purpose). */
    private static void keepPermissions(Path target, Path tmp) throws IOException {
        if (Files.exists(target) && Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
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
