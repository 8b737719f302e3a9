package org.workbook.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checksum checks, on a small fake MNIST folder this test writes. */
class MnistFilesTest {
    @TempDir
    Path root;
    private Path dir;
    private Checksums sums;
    private String savedProperty;

    @BeforeEach
    void writeFakeMnist() throws IOException {
        savedProperty = System.getProperty("workbook.data");
        dir = Files.createDirectories(root.resolve("mnist"));
        Random r = new Random(7);
        StringBuilder list = new StringBuilder("# test list\n");
        for (String name : List.of(MnistFiles.TRAIN_IMAGES, MnistFiles.TRAIN_LABELS)) {
            boolean images = name.contains("images");
            byte[] data = new byte[images ? 5 * 28 * 28 : 5];
            r.nextBytes(data);
            Path p = dir.resolve(name);
            if (images) {
                IdxFile.write(p, data, 5, 28, 28);
            } else {
                IdxFile.write(p, data, 5);
            }
            byte[] all = Files.readAllBytes(p);
            list.append(name).append(' ').append(all.length).append(' ')
                    .append(Checksums.hex(Checksums.sha256().digest(all))).append('\n');
        }
        sums = Checksums.parse(list.toString(), "test list");
    }

    @AfterEach
    void restoreProperty() {
        if (savedProperty == null) {
            System.clearProperty("workbook.data");
        } else {
            System.setProperty("workbook.data", savedProperty);
        }
    }

    @Test
    void readsAVerifiedFile() {
        IdxFile f = new MnistFiles(dir, sums).read(MnistFiles.TRAIN_IMAGES);
        assertArrayEquals(new int[] {5, 28, 28}, f.dims());
        assertEquals(List.of(), new MnistFiles(dir, sums).problems());
    }

    @Test
    void oneChangedByteIsCaughtEvenWithTheOldModificationTime() throws IOException {
        var files = new MnistFiles(dir, sums);
        files.read(MnistFiles.TRAIN_IMAGES);            // verified once: later reads trust the file's identity
        Path p = dir.resolve(MnistFiles.TRAIN_IMAGES);
        FileTime mtime = Files.getLastModifiedTime(p);
        try (var raf = new RandomAccessFile(p.toFile(), "rw")) {
            raf.seek(100);
            int b = raf.read();
            raf.seek(100);
            raf.write(b ^ 1);
        }
        Files.setLastModifiedTime(p, mtime);
        var e = assertThrows(DataException.class, () -> files.read(MnistFiles.TRAIN_IMAGES));
        assertTrue(e.getMessage().startsWith(p + " is altered: its SHA-256 is "), e.getMessage());
        assertTrue(e.getMessage().endsWith("Run ./workbook data --force to fetch it again."), e.getMessage());
        assertEquals(1, files.problems().size());
    }

    @Test
    void aTruncatedFileSaysSoBeforeHashing() throws IOException {
        Path p = dir.resolve(MnistFiles.TRAIN_LABELS);
        byte[] all = Files.readAllBytes(p);
        Files.write(p, java.util.Arrays.copyOf(all, all.length - 2));
        var e = assertThrows(DataException.class, () -> new MnistFiles(dir, sums).read(MnistFiles.TRAIN_LABELS));
        assertEquals(p + " is truncated: 11 bytes, expected 13. Run ./workbook data --force to fetch it again.",
                e.getMessage());
    }

    @Test
    void aMissingFileSaysWhatToRun() throws IOException {
        Files.delete(dir.resolve(MnistFiles.TRAIN_LABELS));
        var e = assertThrows(DataException.class, () -> new MnistFiles(dir, sums).read(MnistFiles.TRAIN_LABELS));
        assertEquals(dir.resolve(MnistFiles.TRAIN_LABELS) + " is missing. Run ./workbook data to fetch MNIST.",
                e.getMessage());
    }

    @Test
    void aFileWithNoCommittedChecksumIsRefused() {
        var e = assertThrows(DataException.class, () -> new MnistFiles(dir, sums).read(MnistFiles.TEST_IMAGES));
        assertTrue(e.getMessage().startsWith("no checksum is committed for t10k-images-idx3-ubyte"), e.getMessage());
    }

    @Test
    void theCommittedListHasTheFourFiles() {
        var m = Checksums.mnist();
        assertEquals(List.of(MnistFiles.TRAIN_IMAGES, MnistFiles.TRAIN_LABELS, MnistFiles.TEST_IMAGES,
                MnistFiles.TEST_LABELS), List.copyOf(m.entries().keySet()));
        assertEquals(47040016, m.get(MnistFiles.TRAIN_IMAGES).size());
        assertEquals(10008, m.get(MnistFiles.TEST_LABELS).size());
        m.entries().values().forEach(x -> assertTrue(x.sha256().matches("[0-9a-f]{64}")));
    }

    @Test
    void aMalformedListLineIsNamed() {
        var e = assertThrows(DataException.class, () -> Checksums.parse("# c\nfoo 12\n", "sums.txt"));
        assertEquals("sums.txt line 2 is not 'name size sha256': foo 12", e.getMessage());
    }

    @Test
    void theSystemPropertyPicksTheDataFolder() {
        System.setProperty("workbook.data", root.toString());
        assertEquals(root.toAbsolutePath().normalize(), MnistFiles.dataRoot());
    }

    @Test
    void aPropertyPointingAtTheIdxFolderItselfSaysWhereToPointIt() {
        System.setProperty("workbook.data", dir.toString());
        var e = assertThrows(DataException.class, MnistFiles::dataRoot);
        assertTrue(e.getMessage().startsWith("the system property workbook.data is " + dir + ", which has no mnist/ folder."
                + " It holds the IDX files itself: point it at the folder above"), e.getMessage());
        assertTrue(e.getMessage().contains("./workbook data"), e.getMessage());
    }
}
