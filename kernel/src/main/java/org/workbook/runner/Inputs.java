package org.workbook.runner;

import org.workbook.notebook.LessonFolders;
import org.workbook.notebook.LessonReader;
import org.workbook.notebook.Notebook;
import org.workbook.notebook.NotebookReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the runner was asked to run: notebooks ({@code .ipynb}), lesson
 * sources ({@code .md}, turned into notebooks in memory), folders of them,
 * or a lesson's bare name ({@code 01-pixels} for {@code lessons/01-pixels.md}).
 * With no arguments, every lesson of the project.
 */
public final class Inputs {
    /** One thing to run; {@code name} is the executed file's name without {@code .ipynb}. */
    public record Input(Path file, String name, boolean lesson) {
        /** Reads the notebook; a broken file throws an IOException whose message names it and the problem. */
        public Notebook load() throws IOException {
            return lesson ? LessonReader.read(file) : NotebookReader.read(file);
        }
    }

    private Inputs() {
    }

    /** Resolves command-line arguments; {@code root} is the project (its lessons/ folder). */
    public static List<Input> resolve(List<String> args, Path root) throws UsageException {
        List<Input> out = new ArrayList<>();
        LessonFolders folders = LessonFolders.at(root);
        try {
            if (args.isEmpty()) {
                for (Path p : folders.lessonFiles()) {
                    out.add(input(p));
                }
                if (out.isEmpty()) {
                    throw new UsageException("no lessons in " + folders.lessonsDir()
                            + "; name the notebooks or lessons to run");
                }
            }
            for (String a : args) {
                Path p = Path.of(a);
                Path named = folders.lessonsDir().resolve(a.endsWith(".md") ? a : a + ".md");
                if (Files.isDirectory(p)) {
                    List<Input> inDir = folder(p);
                    if (inDir.isEmpty()) {
                        throw new UsageException(a + " is a folder with no .ipynb notebooks or .md lessons in it");
                    }
                    out.addAll(inDir);
                } else if (Files.isRegularFile(p)) {
                    if (!p.toString().endsWith(".ipynb") && !p.toString().endsWith(".md")) {
                        throw new UsageException(a + " is neither a notebook (.ipynb) nor a lesson (.md)");
                    }
                    out.add(input(p));
                } else if (!a.contains("/") && Files.isRegularFile(named)) {
                    out.add(input(named));
                } else {
                    throw new UsageException(a + ": no such file (give a notebook .ipynb, a lesson .md, a folder, "
                            + "or the name of a lesson in " + folders.lessonsDir() + ")");
                }
            }
        } catch (IOException e) {
            throw new UsageException("cannot list the inputs: " + e.getMessage(), e);
        }
        Map<String, Path> names = new HashMap<>();
        for (Input in : out) {
            Path first = names.putIfAbsent(in.name(), in.file());
            if (first != null && !first.equals(in.file())) {
                throw new UsageException(first + " and " + in.file() + " would both be written as " + in.name()
                        + ".ipynb; run them separately, with different --out folders");
            }
        }
        return out.stream().distinct().toList();
    }

    private static List<Input> folder(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".ipynb") || (p.toString().endsWith(".md")
                            && !p.getFileName().toString().equalsIgnoreCase("README.md")))
                    .sorted().map(Inputs::input).toList();
        }
    }

    private static Input input(Path p) {
        return new Input(p, LessonFolders.stem(p), p.toString().endsWith(".md"));
    }

    /** The message for a file that cannot be read as a notebook. */
    public static String problem(Input in, IOException e) {
        if (e instanceof NoSuchFileException) {
            return in.file() + ": no such file";
        }
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.contains(in.file().toString()) ? m : in.file() + ": " + m;
    }
}
