package org.workbook.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonFoldersTest {
    @TempDir
    Path root;

    private LessonFolders folders() throws IOException {
        Files.createDirectories(root.resolve("lessons"));
        Files.createDirectories(root.resolve("notebooks"));
        return LessonFolders.at(root);
    }

    @Test
    void noLessonsIsUpToDate() throws IOException {
        LessonFolders f = folders();
        Files.writeString(root.resolve("lessons/README.md"), "# How to write a lesson\n");
        assertEquals(List.of(), f.lessonFiles(), "the README is not a lesson");
        assertEquals(List.of(), f.outOfDate());
        assertEquals(List.of(), LessonFolders.at(root.resolve("nowhere")).outOfDate());
    }

    @Test
    void findsMissingStaleAndOrphanNotebooks() throws IOException {
        LessonFolders f = folders();
        Path a = Files.writeString(root.resolve("lessons/01-a.md"), "# A\n");
        Path b = Files.writeString(root.resolve("lessons/02-b.md"), "# B\n");
        Files.writeString(f.notebookFor(b), LessonFolders.build(b).replace("# B", "# old B"));
        Files.writeString(root.resolve("notebooks/03-gone.ipynb"), "{}");
        List<String> problems = f.outOfDate();
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).endsWith("01-a.ipynb is missing (" + a + " builds it)"), problems.get(0));
        assertTrue(problems.get(1).endsWith("02-b.ipynb differs from what " + b + " builds"), problems.get(1));
        assertTrue(problems.get(2).contains("03-gone.ipynb has no lesson"), problems.get(2));
        Files.writeString(f.notebookFor(a), LessonFolders.build(a));
        Files.writeString(f.notebookFor(b), LessonFolders.build(b));
        Files.delete(root.resolve("notebooks/03-gone.ipynb"));
        assertEquals(List.of(), f.outOfDate());
    }

    @Test
    void findsLessonsNotInCanonicalFormAndFormatsThem() throws IOException {
        LessonFolders f = folders();
        Path a = Files.writeString(root.resolve("lessons/01-a.md"), "```java\nint x;\n```\n# A\n");
        Files.writeString(f.notebookFor(a), LessonFolders.build(a));
        List<String> problems = f.outOfDate();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).endsWith("01-a.md:4 is not written the way sync writes lessons "
                + "(./workbook notebooks --format rewrites it so)"), problems.get(0));
        assertTrue(LessonFolders.format(a));
        assertEquals("```java\nint x;\n```\n\n# A\n", Files.readString(a));
        assertEquals(List.of(), f.outOfDate(), "same cells, so the notebook is still up to date");
        assertFalse(LessonFolders.format(a));
    }

    @Test
    void namesMapBothWays() throws IOException {
        LessonFolders f = folders();
        assertEquals(root.resolve("notebooks/02-mnist.ipynb"), f.notebookFor(Path.of("anywhere/02-mnist.md")));
        assertEquals(root.resolve("lessons/02-mnist.md"), f.lessonFor(Path.of("/tmp/x/02-mnist.ipynb")));
        assertEquals("a.b", LessonFolders.stem(Path.of("a.b.md")));
    }
}
