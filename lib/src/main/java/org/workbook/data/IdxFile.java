package org.workbook.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * One IDX file (the format MNIST ships in): a header of magic number and
 * dimensions, then the unsigned bytes of the array in row-major order.
 *
 * <pre>{@code
 * jshell> var f = IdxFile.read(Path.of("data/mnist/t10k-labels-idx1-ubyte"))
 * jshell> f.dims()
 * $2 ==> int[1] { 10000 }
 * jshell> f.data()[0]                    // the first test label
 * $3 ==> 7
 * }</pre>
 *
 * The header is checked before any data is read: the magic number (two zero
 * bytes, the type code 0x08 for unsigned bytes, the number of dimensions), the
 * dimensions, and that the file holds exactly the bytes they promise. Every
 * failure is an {@link IdxFormatException} naming the file and what is wrong.
 */
public final class IdxFile {
    /** The type code of unsigned bytes, the only one MNIST uses. */
    static final int UBYTE = 0x08;

    private final Path path;
    private final int[] dims;
    private final byte[] data;

    private IdxFile(Path path, int[] dims, byte[] data) {
        this.path = path;
        this.dims = dims;
        this.data = data;
    }

    /** Reads and checks {@code path}. */
    public static IdxFile read(Path path) {
        return read(path, null);
    }

    /**
     * Reads and checks {@code path}, feeding every byte of the file (header
     * included) to {@code digest} when it is not null, so a checksum costs no
     * second pass over the file.
     */
    public static IdxFile read(Path path, MessageDigest digest) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long fileSize = ch.size();
            ByteBuffer magic = readFully(ch, 4, path, "the 4-byte magic number");
            int z0 = magic.get(0) & 0xff, z1 = magic.get(1) & 0xff, type = magic.get(2) & 0xff, rank = magic.get(3) & 0xff;
            if (z0 != 0 || z1 != 0) {
                throw bad(path, String.format("bad magic number 0x%02x%02x%02x%02x: an IDX file starts with two zero bytes",
                        z0, z1, type, rank));
            }
            if (type != UBYTE) {
                throw bad(path, String.format("element type code 0x%02x is not supported: only unsigned bytes (0x08) are", type));
            }
            if (rank == 0) {
                throw bad(path, "the header declares 0 dimensions");
            }
            ByteBuffer dimBytes = readFully(ch, 4L * rank, path, "the " + rank + " dimensions the magic number announces");
            int[] dims = new int[rank];
            long count = 1;
            for (int i = 0; i < rank; i++) {
                dims[i] = dimBytes.getInt(4 * i);
                if (dims[i] < 0) {
                    throw bad(path, "dimension " + i + " is negative (" + Integer.toUnsignedString(dims[i]) + " read as unsigned)");
                }
                count *= dims[i];
            }
            long header = 4 + 4L * rank;
            long expected = header + count;
            if (count > Integer.MAX_VALUE - 8) {
                throw bad(path, "dimensions " + Arrays.toString(dims) + " hold " + count + " bytes, more than one Java array can");
            }
            if (fileSize < expected) {
                throw bad(path, "truncated: dimensions " + Arrays.toString(dims) + " need " + count
                        + " bytes of data, the file has " + (fileSize - header));
            }
            if (fileSize > expected) {
                throw bad(path, (fileSize - expected) + " bytes follow the " + count + " bytes that dimensions "
                        + Arrays.toString(dims) + " need: a damaged file or wrong dimensions");
            }
            byte[] data = new byte[(int) count];
            ByteBuffer buf = ByteBuffer.wrap(data);
            while (buf.hasRemaining()) {
                if (ch.read(buf) < 0) {
                    throw bad(path, "truncated while reading: the file shrank as it was read");
                }
            }
            if (digest != null) {
                digest.update(magic.array());
                digest.update(dimBytes.array());
                digest.update(data);
            }
            return new IdxFile(path, dims, data);
        } catch (NoSuchFileException e) {
            throw new IdxFormatException(path + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static ByteBuffer readFully(FileChannel ch, long n, Path path, String what) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) n);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw bad(path, "truncated: the file ends inside " + what + " (" + b.position() + " of " + n + " bytes)");
            }
        }
        return b;
    }

    private static IdxFormatException bad(Path path, String what) {
        return new IdxFormatException(path + " is not a valid IDX file: " + what);
    }

    /**
     * Checks the dimensions; {@code -1} in {@code expected} accepts any size.
     * Returns this file, so calls chain.
     */
    public IdxFile expectDims(int... expected) {
        boolean ok = expected.length == dims.length;
        for (int i = 0; ok && i < dims.length; i++) {
            ok = expected[i] < 0 || expected[i] == dims[i];
        }
        if (!ok) {
            StringBuilder want = new StringBuilder("[");
            for (int i = 0; i < expected.length; i++) {
                want.append(i > 0 ? ", " : "").append(expected[i] < 0 ? "n" : String.valueOf(expected[i]));
            }
            throw new IdxFormatException(path + " has dimensions " + Arrays.toString(dims) + ", expected "
                    + want + "]");
        }
        return this;
    }

    public Path path() {
        return path;
    }

    /** The dimensions, e.g. {@code [60000, 28, 28]} (a copy). */
    public int[] dims() {
        return dims.clone();
    }

    /** The number of items: the first dimension. */
    public int count() {
        return dims[0];
    }

    /** The raw unsigned bytes in row-major order (shared, not copied: it can be large). */
    public byte[] data() {
        return data;
    }

    /**
     * Writes an IDX file of unsigned bytes: the inverse of {@link #read}, used
     * by tests and by anyone making small IDX files of their own.
     */
    public static void write(Path path, byte[] data, int... dims) {
        long count = 1;
        for (int d : dims) {
            count *= d;
        }
        if (count != data.length) {
            throw new IllegalArgumentException("dimensions " + Arrays.toString(dims) + " need " + count
                    + " bytes, got " + data.length);
        }
        ByteBuffer header = ByteBuffer.allocate(4 + 4 * dims.length);
        header.put((byte) 0).put((byte) 0).put((byte) UBYTE).put((byte) dims.length);
        for (int d : dims) {
            header.putInt(d);
        }
        header.flip();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (header.hasRemaining()) {
                ch.write(header);
            }
            ByteBuffer body = ByteBuffer.wrap(data);
            while (body.hasRemaining()) {
                ch.write(body);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }
}
