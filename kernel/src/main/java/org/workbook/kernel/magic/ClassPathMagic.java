package org.workbook.kernel.magic;

import org.workbook.kernel.eval.Evaluator;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** %classpath and %jars: adds jars and class folders to JShell's compiler and class loader. */
final class ClassPathMagic {
    private final Evaluator evaluator;
    private final Path workingDir;

    ClassPathMagic(Evaluator evaluator, Path workingDir) {
        this.evaluator = evaluator;
        this.workingDir = workingDir;
    }

    Path workingDir() {
        return workingDir;
    }

    Path resolve(String file) {
        return workingDir.resolve(file.strip()).normalize();
    }

    /** Adds every entry of {@code args} (separated by spaces or the path separator; globs allowed). */
    List<Path> add(String args, String magic) throws MagicException {
        if (args.isBlank()) {
            throw new MagicException("%" + magic + " needs jars or folders, e.g. %" + magic + " lib/extra.jar");
        }
        List<Path> found = new ArrayList<>();
        for (String entry : args.strip().split("[\\s" + File.pathSeparator + "]+")) {
            found.addAll(expand(entry, magic));
        }
        for (Path p : found) {
            evaluator.shell().addToClasspath(p.toString());
        }
        return found;
    }

    private List<Path> expand(String entry, String magic) throws MagicException {
        Path p = resolve(entry);
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        if (!name.contains("*") && !name.contains("?")) {
            if (!Files.exists(p)) {
                throw new MagicException("%" + magic + ": " + entry + " does not exist (looked for " + p
                        + "; relative paths start at the notebook's folder)");
            }
            return List.of(p);
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(p.getParent(), name)) {
            ds.forEach(out::add);
        } catch (IOException e) {
            throw new MagicException("%" + magic + ": cannot list " + p.getParent() + ": " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new MagicException("%" + magic + ": nothing matches " + entry + " in " + p.getParent());
        }
        out.sort(null);
        return out;
    }
}
