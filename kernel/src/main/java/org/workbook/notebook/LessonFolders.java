package org.workbook.notebook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where lessons and their notebooks live: {@code lessons/NAME.md} builds
 * {@code notebooks/NAME.ipynb}. Knows which notebooks are out of date, which
 * is what the build's up-to-date test and {@code ./workbook notebooks --check}
 * ask.
 *
 * <pre>{@code
 * jshell> var f = LessonFolders.at(Path.of("."))
 * jshell> f.outOfDate()
 * $2 ==> []
 * }</pre>
 */
public final class LessonFolders {
    private final Path lessons;
    private final Path notebooks;

    public LessonFolders(Path lessons, Path notebooks) {
        this.lessons = lessons;
        this.notebooks = notebooks;
    }

    /** The folders of a project checkout: ROOT/lessons and ROOT/notebooks. */
    public static LessonFolders at(Path root) {
        return new LessonFolders(root.resolve("lessons"), root.resolve("notebooks"));
    }

    public Path lessonsDir() {
        return lessons;
    }

    public Path notebooksDir() {
        return notebooks;
    }

    /** Every lesson source: the .md files of the lessons folder but its README, sorted by name. */
    public List<Path> lessonFiles() throws IOException {
        return list(lessons, ".md").stream()
                .filter(p -> !p.getFileName().toString().equalsIgnoreCase("README.md")).toList();
    }

    /** Every .ipynb of the notebooks folder, sorted by name. */
    public List<Path> notebookFiles() throws IOException {
        return list(notebooks, ".ipynb");
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p))
                    .sorted().toList();
        }
    }

    /** notebooks/NAME.ipynb for a lesson NAME.md (wherever the lesson is). */
    public Path notebookFor(Path lesson) {
        return notebooks.resolve(stem(lesson) + ".ipynb");
    }

    /** lessons/NAME.md for a notebook NAME.ipynb (wherever the notebook is). */
    public Path lessonFor(Path notebook) {
        return lessons.resolve(stem(notebook) + ".md");
    }

    /** A file name without its extension. */
    public static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The notebook file's text built from a lesson. */
    public static String build(Path lesson) throws IOException {
        return NotebookWriter.toJson(LessonReader.read(lesson));
    }

    /**
     * What is out of date, one line each: a lesson not in the form sync
     * writes (so lesson -> notebook -> lesson would change it), a lesson whose
     * notebook is missing or differs from what the lesson builds, and a
     * notebook with no lesson. Empty when everything is up to date (also when
     * there are no lessons).
     */
    public List<String> outOfDate() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path lesson : lessonFiles()) {
            Path nb = notebookFor(lesson);
            String text = Files.readString(lesson, StandardCharsets.UTF_8);
            Notebook notebook = LessonReader.parse(text, lesson.toString());
            String canonical = LessonWriter.toLesson(notebook);
            if (!text.equals(canonical)) {
                problems.add(lesson + ":" + firstDifferentLine(text, canonical) + " is not written the way sync "
                        + "writes lessons (./workbook notebooks --format rewrites it so)");
            }
            String built = NotebookWriter.toJson(notebook);
            if (!Files.isRegularFile(nb)) {
                problems.add(nb + " is missing (" + lesson + " builds it)");
            } else if (!Files.readString(nb, StandardCharsets.UTF_8).equals(built)) {
                problems.add(nb + " differs from what " + lesson + " builds");
            }
        }
        for (Path nb : notebookFiles()) {
            if (!Files.isRegularFile(lessonFor(nb))) {
                problems.add(nb + " has no lesson " + lessonFor(nb)
                        + " (delete the notebook, or make it a lesson with ./workbook sync " + nb + ")");
            }
        }
        return problems;
    }

    /** The 1-based number of the first line where two texts differ. */
    static int firstDifferentLine(String a, String b) {
        String[] x = a.split("\n", -1);
        String[] y = b.split("\n", -1);
        int i = 0;
        while (i < x.length && i < y.length && x[i].equals(y[i])) {
            i++;
        }
        return i + 1;
    }

    /**
     * Rewrites a lesson the way sync would write it (same cells, same
     * metadata, canonical layout).
     *
     * @return whether the file changed
     */
    public static boolean format(Path lesson) throws IOException {
        String text = Files.readString(lesson, StandardCharsets.UTF_8);
        return AtomicFiles.writeIfChanged(lesson, LessonWriter.toLesson(LessonReader.parse(text, lesson.toString())));
    }
}
