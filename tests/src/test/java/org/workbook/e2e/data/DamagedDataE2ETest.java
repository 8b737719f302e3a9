package org.workbook.e2e.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workbook.data.Checksums;
import org.workbook.data.DataException;
import org.workbook.data.MnistFiles;

/**
 * A copy of the real MNIST with one byte changed: both the launcher
 * ({@code ./workbook data}) and the Java reader name the file and say how to
 * fetch it again, even though the file keeps its old modification time.
 */
class DamagedDataE2ETest {
    @TempDir
    Path data;
    private Path mnist;

    @BeforeEach
    void copyRealMnist() throws IOException {
        Path real = MnistFiles.located().dir();
        mnist = Files.createDirectories(data.resolve("mnist"));
        for (String name : Checksums.mnist().entries().keySet()) {
            Files.copy(real.resolve(name), mnist.resolve(name));
        }
    }

    private static Path projectRoot() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("workbook")) && Files.isRegularFile(d.resolve("scripts/mnist.sh"))) {
                return d;
            }
        }
        throw new IllegalStateException("the project root (with ./workbook) is not above " + Path.of("").toAbsolutePath());
    }

    /** Runs ./workbook data ARGS on the copy; returns exit code and stderr. */
    private Object[] workbookData(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", projectRoot().resolve("workbook").toString(), "data"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("WORKBOOK_DATA", data.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "./workbook data did not finish");
        return new Object[] {p.exitValue(), out.replaceAll("\u001B\\[[0-9;]*m", "")};
    }

    private void flipOneByteKeepingTheTime(Path p, long at) throws IOException {
        FileTime t = Files.getLastModifiedTime(p);
        try (var raf = new RandomAccessFile(p.toFile(), "rw")) {
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0x10);
        }
        Files.setLastModifiedTime(p, t);
    }

    @Test
    void theLauncherNamesTheAlteredFileAndTheFix() throws Exception {
        Object[] ok = workbookData();
        assertEquals(0, ok[0], (String) ok[1]);
        assertTrue(((String) ok[1]).contains("MNIST OK"), (String) ok[1]);

        Path labels = mnist.resolve(MnistFiles.TRAIN_LABELS);
        flipOneByteKeepingTheTime(labels, 5000);
        Object[] bad = workbookData();
        String msg = (String) bad[1];
        assertEquals(1, bad[0], msg);
        assertTrue(msg.contains(labels + " is altered: its SHA-256 is "), msg);
        assertTrue(msg.contains("Run ./workbook data --force to fetch it again."), msg);
        // Every later command says it again: the stamp does not forget a bad file.
        Object[] again = workbookData();
        assertEquals(1, again[0], (String) again[1]);
        assertTrue(((String) again[1]).contains(labels + " is altered"), (String) again[1]);
    }

    @Test
    void theLauncherNamesATruncatedFile() throws Exception {
        Path images = mnist.resolve(MnistFiles.TEST_IMAGES);
        try (var raf = new RandomAccessFile(images.toFile(), "rw")) {
            raf.setLength(1000);
        }
        Object[] bad = workbookData("--check");
        assertEquals(1, bad[0], (String) bad[1]);
        assertTrue(((String) bad[1]).contains(images + " is truncated: 1000 bytes, expected 7840016"), (String) bad[1]);
    }

    @Test
    void theJavaReaderNamesTheAlteredFileAndTheFix() throws IOException {
        var files = new MnistFiles(mnist, Checksums.mnist());
        files.read(MnistFiles.TEST_IMAGES);
        Path images = mnist.resolve(MnistFiles.TEST_IMAGES);
        flipOneByteKeepingTheTime(images, 123_456);
        var e = assertThrows(DataException.class, () -> files.read(MnistFiles.TEST_IMAGES));
        assertTrue(e.getMessage().startsWith(images + " is altered: its SHA-256 is "), e.getMessage());
        assertTrue(e.getMessage().endsWith("Run ./workbook data --force to fetch it again."), e.getMessage());
    }
}
