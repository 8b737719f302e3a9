package org.workbook.notebook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Written files are whole, and have the permissions of any new file (not a temp file's owner-only 0600). */
class AtomicFilesTest {
    @TempDir
    Path tmp;

    @Test
    void aNewFileGetsTheSamePermissionsAsAnyFileCreatedThere() throws Exception {
        assumeTrue(Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class), "POSIX permissions");
        Path plain = Files.createFile(tmp.resolve("plain.txt"));
        Path written = tmp.resolve("sub/lesson.ipynb");
        AtomicFiles.write(written, "{}\n");
        assertEquals("{}\n", Files.readString(written));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(written),
                "a notebook is as readable as any file the user makes (the umask decides), not owner-only");
        try (var left = Files.list(written.getParent())) {
            assertEquals(1, left.count(), "no temporary file is left behind");
        }
    }

    @Test
    void aFileWrittenOverKeepsItsPermissions() throws Exception {
        assumeTrue(Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class), "POSIX permissions");
        Path file = tmp.resolve("private.ipynb");
        AtomicFiles.write(file, "one");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFiles.write(file, "two");
        assertEquals("two", Files.readString(file));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
