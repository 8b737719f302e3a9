package org.workbook.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The project's notebooks/ holds exactly what lessons/ builds, and every
 * lesson is in the canonical form that syncing writes (so lessons ->
 * notebooks -> lessons is lossless for the real lessons too). Fails with
 * the command that fixes it.
 */
class NotebooksUpToDateTest {
    private final LessonFolders folders = LessonFolders.at(Fixtures.projectRoot());

    @Test
    void notebooksAreBuiltFromTheCurrentLessons() throws IOException {
        List<String> problems = folders.outOfDate();
        assertEquals(List.of(), problems, "notebooks/ is out of date with lessons/: run ./workbook notebooks "
                + "(or ./workbook build) and commit notebooks/");
    }

    @Test
    void lessonsAreInCanonicalForm() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path lesson : folders.lessonFiles()) {
            String text = Files.readString(lesson, StandardCharsets.UTF_8);
            String canonical = LessonWriter.toLesson(LessonReader.read(lesson));
            if (!text.equals(canonical)) {
                problems.add(lesson + ":" + firstDifferentLine(text, canonical) + ": not as sync would write it; "
                        + "run ./workbook sync " + folders.notebookFor(lesson) + " to rewrite it");
            }
        }
        assertEquals(List.of(), problems);
    }

    static int firstDifferentLine(String a, String b) {
        String[] x = a.split("\n", -1);
        String[] y = b.split("\n", -1);
        int i = 0;
        while (i < x.length && i < y.length && x[i].equals(y[i])) {
            i++;
        }
        return i + 1;
    }
}
