package org.workbook.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxFileTest {
    @TempDir
    Path tmp;

    /** A header by hand, so the tests do not trust the writer they test. */
    private static byte[] header(int z0, int z1, int type, int... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length);
        b.put((byte) z0).put((byte) z1).put((byte) type).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.array();
    }

    private Path file(String name, byte[]... parts) throws IOException {
        int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return Files.write(tmp.resolve(name), b.array());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void readsWhatWasWrittenForRandomShapes(long seed) {
        Random r = new Random(seed);
        int rank = 1 + r.nextInt(3);
        int[] dims = new int[rank];
        int n = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = r.nextInt(6);   // zero included: an empty file is valid
            n *= dims[i];
        }
        byte[] data = new byte[n];
        r.nextBytes(data);
        Path p = tmp.resolve("f" + seed);
        IdxFile.write(p, data, dims);
        IdxFile f = IdxFile.read(p);
        assertArrayEquals(dims, f.dims());
        assertArrayEquals(data, f.data());
        assertEquals(dims[0], f.count());
    }

    @Test
    void readsAHandMadeFileAsUnsignedBytesInRowMajorOrder() throws IOException {
        Path p = file("images", header(0, 0, 8, 2, 2, 3), new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, (byte) 255});
        IdxFile f = IdxFile.read(p).expectDims(-1, 2, 3);
        assertArrayEquals(new int[] {2, 2, 3}, f.dims());
        assertEquals(255, f.data()[11] & 0xff);
    }

    @Test
    void digestSeesEveryByteOfTheFile() throws IOException {
        Path p = file("labels", header(0, 0, 8, 4), new byte[] {3, 8, 6, 9});
        var md = Checksums.sha256();
        IdxFile.read(p, md);
        var whole = Checksums.sha256().digest(Files.readAllBytes(p));
        assertArrayEquals(whole, md.digest());
    }

    @Test
    void badMagicNamesTheFileAndTheBytes() throws IOException {
        Path p = file("bad-magic", header(1, 0, 8, 2), new byte[] {1, 2});
        var e = assertThrows(IdxFormatException.class, () -> IdxFile.read(p));
        assertTrue(e.getMessage().startsWith(p + " is not a valid IDX file: bad magic number 0x01000801"), e.getMessage());
    }

    @Test
    void otherElementTypesAreRefusedByName() throws IOException {
        Path p = file("floats", header(0, 0, 0x0D, 1), new byte[] {0, 0, 0, 0});
        var e = assertThrows(IdxFormatException.class, () -> IdxFile.read(p));
        assertTrue(e.getMessage().contains("element type code 0x0d is not supported"), e.getMessage());
    }

    @Test
    void zeroDimensionsIsAnError() throws IOException {
        Path p = file("rank0", header(0, 0, 8));
        var e = assertThrows(IdxFormatException.class, () -> IdxFile.read(p));
        assertTrue(e.getMessage().endsWith("the header declares 0 dimensions"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 5, 9})
    void aFileCutInsideTheHeaderSaysSo(int keep) throws IOException {
        byte[] h = header(0, 0, 8, 2, 3);
        Path p = file("cut" + keep, Arrays.copyOf(h, keep));
        var e = assertThrows(IdxFormatException.class, () -> IdxFile.read(p));
        String what = keep < 4 ? "the 4-byte magic number" : "the 2 dimensions";
        assertTrue(e.getMessage().contains("truncated: the file ends inside " + what), e.getMessage());
    }

    @Test
    void truncatedDataSaysHowMuchIsMissing() throws IOException {
        Path p = file("short", header(0, 0, 8, 3, 2, 2), new byte[10]);
        var e = assertThrows(IdxFormatException.class, () -> IdxFile.read(p));
        assertEquals(p + " is not a valid IDX file: truncated: dimensions [3, 2, 2] need 12 bytes of data, the file has 10",
                e.getMessage());
    }

    @Test
    void trailingBytesAreAnError() throws IOException {
        Path p = file("long", header(0, 0, 8, 2), new byte[5]);
        var e = assertThrows(IdxFormatException.class, () -> IdxFile.read(p));
        assertTrue(e.getMessage().contains("3 bytes follow the 2 bytes that dimensions [2] need"), e.getMessage());
    }

    @Test
    void negativeDimensionIsAnError() throws IOException {
        Path p = file("neg", header(0, 0, 8, -1));
        var e = assertThrows(IdxFormatException.class, () -> IdxFile.read(p));
        assertTrue(e.getMessage().contains("dimension 0 is negative"), e.getMessage());
    }

    @Test
    void wrongDimensionsAreNamed() throws IOException {
        Path p = file("dims", header(0, 0, 8, 2, 27, 28), new byte[2 * 27 * 28]);
        var e = assertThrows(IdxFormatException.class, () -> IdxFile.read(p).expectDims(-1, 28, 28));
        assertEquals(p + " has dimensions [2, 27, 28], expected [n, 28, 28]", e.getMessage());
        var e2 = assertThrows(IdxFormatException.class, () -> IdxFile.read(p).expectDims(-1));
        assertEquals(p + " has dimensions [2, 27, 28], expected [n]", e2.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        Path p = tmp.resolve("nope");
        var e = assertThrows(IdxFormatException.class, () -> IdxFile.read(p));
        assertEquals(p + " does not exist", e.getMessage());
    }

    @Test
    void writerRefusesDataThatDoesNotFitTheDimensions() {
        var e = assertThrows(IllegalArgumentException.class, () -> IdxFile.write(tmp.resolve("w"), new byte[5], 2, 3));
        assertEquals("dimensions [2, 3] need 6 bytes, got 5", e.getMessage());
    }
}
