package org.workbook.grading;

import org.workbook.notebook.InvalidNotebookException;
import org.workbook.notebook.Notebook;
import org.workbook.notebook.NotebookReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The files a grader touches on a submission's behalf, handled as if hostile:
 * a submission must be a regular file (a FIFO or a device is refused without
 * being opened) of at most {@link #MAX_BYTES} (a bigger one is refused from
 * its size alone, never read); an executed copy coming back from the box is
 * read without following links and only if it is a regular file within the
 * same limit, and lands under a name of its own that is never one of the
 * grader's inputs.
 */
final class SubmissionFiles {
    /** The largest notebook the grader reads: generous for image outputs, far from a heap's size. */
    static final long MAX_BYTES = 256L * 1024 * 1024;

    private SubmissionFiles() {
    }

    /** Reads and parses a submission; every refusal is an IOException whose message names the cause. */
    static Notebook read(Path file) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file + ": no such file");
        }
        if (!a.isRegularFile()) {
            throw new IOException(file + " is " + (a.isDirectory() ? "a folder" : "not a regular file (a pipe, a "
                    + "socket or a device)") + ", so not a notebook; it was not opened");
        }
        if (a.size() > MAX_BYTES) {
            throw new IOException(file + " is " + mb(a.size()) + ", over the limit of " + mb(MAX_BYTES)
                    + " for a notebook; it was not read (clear large outputs and hand it in again)");
        }
        return NotebookReader.parse(text(file, MAX_BYTES), file.toString());
    }

    private static String text(Path file, long limit) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        } catch (IOException e) {
            // A symbolic link the grader was given by name: follow it, the checks above ran on its target.
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            }
        }
        if (bytes.length > limit) {
            throw new IOException(file + " grew past " + mb(limit) + " while being read; it was not graded");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidNotebookException(file.toString(), 0, 0,
                    "not UTF-8 text, so not a notebook (an .ipynb file is JSON in UTF-8)");
        }
    }

    /**
     * Copies the executed notebook the worker left in its folder to {@code dir}, as {@code name}.ipynb
     * or, where that is one of {@code inputs} or already written in this run, under a numbered name.
     * Returns where it went, or null (with the reason in {@code why[0]}) when it was not copied.
     */
    static synchronized Path keepExecuted(Path produced, Path dir, String name, List<Path> inputs, Set<Path> taken,
                             String[] why) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(produced, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            why[0] = "no executed notebook was written";
            return null;
        }
        if (!a.isRegularFile() || a.size() > MAX_BYTES) {
            why[0] = "the executed notebook was not kept: the submission left " + (a.isRegularFile()
                    ? mb(a.size()) + " there" : "a link or a special file in its place");
            return null;
        }
        Files.createDirectories(dir);
        String base = safeName(name);
        Path target = dir.resolve(base + ".ipynb");
        for (int n = 2; clashes(target, inputs, taken); n++) {
            target = dir.resolve(base + "-executed" + (n == 2 ? "" : "-" + (n - 1)) + ".ipynb");
        }
        taken.add(target.toAbsolutePath().normalize());
        Path tmp = Files.createTempFile(dir, ".executed-", ".tmp");
        try (InputStream in = Files.newInputStream(produced, LinkOption.NOFOLLOW_LINKS)) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    /** A target that is a grader input (by path or by inode), or one this run already wrote. */
    private static boolean clashes(Path target, List<Path> inputs, Set<Path> taken) {
        Path t = target.toAbsolutePath().normalize();
        if (taken.contains(t)) {
            return true;
        }
        for (Path in : inputs) {
            if (in.toAbsolutePath().normalize().equals(t)) {
                return true;
            }
            try {
                if (Files.exists(target) && Files.exists(in) && Files.isSameFile(in, target)) {
                    return true;
                }
            } catch (IOException e) {
                return true;   // cannot tell: do not risk it
            }
        }
        return Files.isSymbolicLink(target) || (Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS));
    }

    /** A file name made of letters, digits, '.', '-' and '_' only: a submission's path becomes alice__hw. */
    static String safeName(String name) {
        String s = name.replaceAll("[/\\\\]+", "__").replaceAll("[^A-Za-z0-9._-]", "_");
        s = s.replaceAll("^[.]+", "_");
        return s.isEmpty() ? "submission" : s.length() > 150 ? s.substring(0, 150) : s;
    }

    static Set<Path> newTaken() {
        return java.util.Collections.synchronizedSet(new HashSet<>());
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
