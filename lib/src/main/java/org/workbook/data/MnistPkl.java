package org.workbook.data;

import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * MNIST as the fast.ai Machine Learning course loaded it from {@code mnist.pkl.gz}:
 * training = the first 50,000 MNIST training digits, validation = the last
 * 10,000; each image a row of 784 float32 pixels in [0, 1), labels int64.
 *
 * <pre>{@code
 * jshell> var d = MnistPkl.load()
 * jshell> d.x().shape()
 * $2 ==> torch.Size([50000, 784])
 * jshell> d.yValid().get("0:5")
 * $3 ==> tensor([3, 8, 6, 9, 6])
 * }</pre>
 *
 * The pickle stored each pixel as {@code value / 256} (its largest value is
 * 0.99609375), so this does too: every value is the pickle's, and the mean
 * and standard deviation agree with the ones the course printed. Loading takes a fraction of a
 * second; each call returns tensors of its own.
 */
public final class MnistPkl {
    public static final int TRAIN = 50_000;
    public static final int VALID = 10_000;
    private static final int PIXELS = Mnist.ROWS * Mnist.COLS;

    private final Tensor x;
    private final Tensor y;
    private final Tensor xValid;
    private final Tensor yValid;

    private MnistPkl(Tensor x, Tensor y, Tensor xValid, Tensor yValid) {
        this.x = x;
        this.y = y;
        this.xValid = xValid;
        this.yValid = yValid;
    }

    /** Reads data/mnist/ (see {@link MnistFiles}) and splits it. */
    public static MnistPkl load() {
        return load(MnistFiles.located());
    }

    static MnistPkl load(MnistFiles files) {
        Mnist.Raw r = Mnist.raw(files, MnistFiles.TRAIN_IMAGES, MnistFiles.TRAIN_LABELS);
        if (r.count() != TRAIN + VALID) {
            throw new DataException("the MNIST training set has " + r.count() + " images, the course's split needs "
                    + (TRAIN + VALID) + ". " + MnistFiles.REFETCH);
        }
        float[] scale = new float[256];
        for (int v = 0; v < 256; v++) {
            scale[v] = v / 256f;
        }
        return new MnistPkl(
                Tensors.fromArray(floats(r.pixels(), 0, TRAIN, scale), TRAIN, PIXELS),
                Tensors.fromArray(java.util.Arrays.copyOfRange(r.labels(), 0, TRAIN), TRAIN),
                Tensors.fromArray(floats(r.pixels(), TRAIN, VALID, scale), VALID, PIXELS),
                Tensors.fromArray(java.util.Arrays.copyOfRange(r.labels(), TRAIN, TRAIN + VALID), VALID));
    }

    private static float[] floats(byte[] px, int firstImage, int count, float[] scale) {
        float[] out = new float[count * PIXELS];
        int base = firstImage * PIXELS;
        for (int i = 0; i < out.length; i++) {
            out[i] = scale[px[base + i] & 0xff];
        }
        return out;
    }

    /** Training images, float32 [50000, 784]. */
    public Tensor x() {
        return x;
    }

    /** Training labels, int64 [50000]. */
    public Tensor y() {
        return y;
    }

    /** Validation images, float32 [10000, 784]. */
    public Tensor xValid() {
        return xValid;
    }

    /** Validation labels, int64 [10000]. */
    public Tensor yValid() {
        return yValid;
    }

    public TensorDataset train() {
        return new TensorDataset(x, y);
    }

    public TensorDataset valid() {
        return new TensorDataset(xValid, yValid);
    }

    @Override
    public String toString() {
        return "MnistPkl(train " + x.shape() + ", valid " + xValid.shape() + ")";
    }
}
