package org.workbook.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The project's notebooks/ holds exactly what lessons/ builds, and every
 * lesson is in the form sync writes (so lessons -> notebooks -> lessons is
 * lossless for the real lessons too). Passes with no lessons. Fails with the
 * command that fixes it.
 */
class NotebooksUpToDateTest {
    @Test
    void notebooksAreBuiltFromTheCurrentLessons() throws IOException {
        List<String> problems = LessonFolders.at(Fixtures.projectRoot()).outOfDate();
        assertEquals(List.of(), problems, "notebooks/ is out of date with lessons/: run ./workbook notebooks "
                + "(with --format for a lesson not in canonical form) and commit lessons/ and notebooks/");
    }
}
