package org.workbook.data;

import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * The real MNIST: 60,000 training and 10,000 test digits of 28×28 pixels,
 * read from data/mnist/ (fetched by {@code ./workbook data}) and checked
 * against the committed SHA-256s.
 *
 * <pre>{@code
 * jshell> var train = Mnist.train()
 * train ==> TensorDataset(x=torch.Size([60000, 28, 28]) UINT8, y=torch.Size([60000]) INT64)
 * jshell> train.y().get("0:5")
 * $2 ==> tensor([5, 0, 4, 1, 9])
 * }</pre>
 *
 * Images are uint8 tensors [n, 28, 28] (0 is white paper, 255 full ink),
 * labels int64 tensors [n]. Each call reads the files afresh (from the page
 * cache: tens of milliseconds) and returns tensors of its own, so changing
 * them in place harms no one else.
 */
public final class Mnist {
    public static final int ROWS = 28;
    public static final int COLS = 28;

    private Mnist() { }

    /** The 60,000 training digits. */
    public static TensorDataset train() {
        return load(MnistFiles.located(), MnistFiles.TRAIN_IMAGES, MnistFiles.TRAIN_LABELS);
    }

    /** The 10,000 test digits. */
    public static TensorDataset test() {
        return load(MnistFiles.located(), MnistFiles.TEST_IMAGES, MnistFiles.TEST_LABELS);
    }

    static TensorDataset load(MnistFiles files, String imagesName, String labelsName) {
        Raw r = raw(files, imagesName, labelsName);
        return new TensorDataset(Tensors.fromUint8(r.pixels(), r.count(), ROWS, COLS),
                Tensors.fromArray(r.labels(), r.count()));
    }

    /** Pixels and labels as arrays, checked against each other. */
    record Raw(byte[] pixels, long[] labels, int count) { }

    static Raw raw(MnistFiles files, String imagesName, String labelsName) {
        IdxFile images = files.read(imagesName).expectDims(-1, ROWS, COLS);
        IdxFile labels = files.read(labelsName).expectDims(-1);
        if (images.count() != labels.count()) {
            throw new DataException(images.path() + " holds " + images.count() + " images but " + labels.path()
                    + " holds " + labels.count() + " labels. " + MnistFiles.REFETCH);
        }
        byte[] lb = labels.data();
        long[] l = new long[lb.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = lb[i] & 0xff;
            if (l[i] > 9) {
                throw new DataException(labels.path() + " has label " + l[i] + " at index " + i
                        + ", not a digit 0-9. " + MnistFiles.REFETCH);
            }
        }
        return new Raw(images.data(), l, images.count());
    }
}
