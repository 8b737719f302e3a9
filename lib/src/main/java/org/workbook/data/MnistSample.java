package org.workbook.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * fast.ai's MNIST_SAMPLE: only the 3s and 7s. Training: the 6,131 threes and
 * 6,265 sevens of the MNIST training set; validation: the 1,010 threes and
 * 1,028 sevens of the MNIST test set.
 *
 * <pre>{@code
 * jshell> var path = MnistSample.path()      // builds data/mnist_sample/ the first time
 * jshell> Files.list(path.resolve("train"))  // train/3, train/7
 * jshell> var threes = MnistSample.images("train", 3)
 * threes ==> tensor(...)                     // uint8 [6131, 28, 28]
 * }</pre>
 *
 * {@link #path()} lays the sample out as fastai's download does: folders
 * {@code train/3, train/7, valid/3, valid/7} of PNG files, each named by the
 * digit's index in its MNIST file ({@code train/3/7463.png}), and
 * {@code labels.csv} with columns {@code name,label} (label 0 for a 3, 1 for a 7).
 */
public final class MnistSample {
    public static final String FOLDER = "mnist_sample";
    private static final int[] DIGITS = {3, 7};

    private MnistSample() { }

    /** Where in its MNIST file each 3 (or 7) of {@code split} sits, in file order. */
    public static int[] indices(String split, int digit) {
        checkDigit(digit);
        Mnist.Raw labels = raw(split);
        return IntStream.range(0, labels.count()).filter(i -> labels.labels()[i] == digit).toArray();
    }

    /** The 3s (or 7s) of {@code split} ("train" or "valid"), uint8 [n, 28, 28] in file order. */
    public static Tensor images(String split, int digit) {
        checkDigit(digit);
        Mnist.Raw r = raw(split);
        int[] idx = IntStream.range(0, r.count()).filter(i -> r.labels()[i] == digit).toArray();
        return Tensors.fromUint8(gather(r.pixels(), idx), idx.length, Mnist.ROWS, Mnist.COLS);
    }

    /**
     * The sample's folder, data/mnist_sample/, built from MNIST the first time
     * (about 14,000 small PNG files; a few seconds). It is built in a temporary
     * folder and renamed into place, so it is either complete or absent; one
     * found incomplete (files deleted by hand) is built again.
     */
    public static Path path() {
        Path root = MnistFiles.dataRoot();
        Path dest = root.resolve(FOLDER);
        if (isComplete(dest)) {
            return dest;
        }
        MnistFiles files = MnistFiles.located();
        Mnist.Raw train = Mnist.raw(files, MnistFiles.TRAIN_IMAGES, MnistFiles.TRAIN_LABELS);
        Mnist.Raw test = Mnist.raw(files, MnistFiles.TEST_IMAGES, MnistFiles.TEST_LABELS);
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory(root, "." + FOLDER + "-");
            try {   // a temporary folder is private (rwx------); the sample is for everyone to read
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: its defaults apply
            }
            StringBuilder csv = new StringBuilder("name,label\n");
            write(tmp, "train", train, csv);
            write(tmp, "valid", test, csv);
            Files.writeString(tmp.resolve("labels.csv"), csv, StandardCharsets.UTF_8);
            if (Files.exists(dest)) {
                if (isComplete(dest)) {
                    return dest;    // another process built it meanwhile
                }
                deleteTree(dest);   // incomplete: replaced whole
            }
            try {
                Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
                tmp = null;
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
                // Another process finished first; its folder is as good as ours.
                if (!isComplete(dest)) {
                    throw new DataException("cannot move the built sample into " + dest + ": " + e, e);
                }
            }
            return dest;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build " + dest + ": " + e.getMessage()
                    + " (check that " + root + " is writable and has ~60 MB free)", e);
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    private static void write(Path dir, String split, Mnist.Raw r, StringBuilder csv) throws IOException {
        for (int digit : DIGITS) {
            Path sub = Files.createDirectories(dir.resolve(split).resolve(String.valueOf(digit)));
            int[] idx = IntStream.range(0, r.count()).filter(i -> r.labels()[i] == digit).toArray();
            int px = Mnist.ROWS * Mnist.COLS;
            // ImageIO writers are independent objects: the files can be written in parallel.
            IntStream.of(idx).parallel().forEach(i -> {
                byte[] one = new byte[px];
                System.arraycopy(r.pixels(), i * px, one, 0, px);
                Images.write(one, Mnist.ROWS, Mnist.COLS, 1, sub.resolve(i + ".png"));
            });
            for (int i : idx) {
                csv.append(split).append('/').append(digit).append('/').append(i).append(".png,")
                        .append(digit == 3 ? 0 : 1).append('\n');
            }
        }
    }

    /** Every folder there with its expected number of files, and labels.csv. */
    private static boolean isComplete(Path dest) {
        if (!Files.isRegularFile(dest.resolve("labels.csv"))) {
            return false;
        }
        int[][] want = {{6131, 6265}, {1010, 1028}};
        String[] splits = {"train", "valid"};
        for (int s = 0; s < 2; s++) {
            for (int d = 0; d < 2; d++) {
                Path sub = dest.resolve(splits[s]).resolve(String.valueOf(DIGITS[d]));
                try (Stream<Path> files = Files.list(sub)) {
                    if (files.count() != want[s][d]) {
                        return false;
                    }
                } catch (IOException e) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Mnist.Raw raw(String split) {
        MnistFiles files = MnistFiles.located();
        switch (split) {
            case "train":
                return Mnist.raw(files, MnistFiles.TRAIN_IMAGES, MnistFiles.TRAIN_LABELS);
            case "valid":
                return Mnist.raw(files, MnistFiles.TEST_IMAGES, MnistFiles.TEST_LABELS);
            default:
                throw new IllegalArgumentException("MNIST_SAMPLE has the splits \"train\" and \"valid\", not \"" + split + "\"");
        }
    }

    private static void checkDigit(int digit) {
        if (digit != 3 && digit != 7) {
            throw new IllegalArgumentException("MNIST_SAMPLE holds only 3s and 7s, not " + digit + "s"
                    + " (for every digit use Mnist.train() / Mnist.test())");
        }
    }

    private static byte[] gather(byte[] pixels, int[] idx) {
        int px = Mnist.ROWS * Mnist.COLS;
        byte[] out = new byte[idx.length * px];
        for (int k = 0; k < idx.length; k++) {
            System.arraycopy(pixels, idx[k] * px, out, k * px, px);
        }
        return out;
    }

    private static void deleteTree(Path p) {
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
        } catch (IOException e) {
            // Best effort: a leftover temporary folder is harmless and named with a leading dot.
        }
    }
}
