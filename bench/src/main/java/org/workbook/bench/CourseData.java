package org.workbook.bench;

import static org.workbook.tensor.Tensors.cat;
import static org.workbook.tensor.Tensors.ones;
import static org.workbook.tensor.Tensors.zeros;

import org.workbook.data.MnistPkl;
import org.workbook.data.MnistSample;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;

/**
 * The real MNIST, as the training cases use it (PERF-BASELINE 1a and 1b; compare_torch.py
 * builds the same tensors from the same IDX files). Loaded once, the first time a
 * training case asks, and shared: loading is not part of any timed epoch.
 *
 * <ul>
 * <li>{@link #ch4()}: fast.ai chapter 4's 3s and 7s. Training: the 6131 threes then the
 *     6265 sevens of MNIST train, unshuffled, pixels / 255, flattened to 784; target 1 for
 *     a 3 (int64 [n, 1]). Validation: the 1010 + 1028 of MNIST test.</li>
 * <li>{@link #lesson8()}: the ML course's split, first 50,000 / last 10,000 of MNIST
 *     train, normalised with the training images' scalar mean and std.</li>
 * </ul>
 */
final class CourseData {
    record Split(Tensor x, Tensor y, Tensor xValid, Tensor yValid) { }

    private static Split ch4;
    private static Split lesson8;

    private CourseData() { }

    static synchronized Split ch4() {
        if (ch4 == null) {
            Tensor[] tr = threesSevens("train");
            Tensor[] va = threesSevens("valid");
            ch4 = new Split(tr[0], tr[1], va[0], va[1]);
        }
        return ch4;
    }

    private static Tensor[] threesSevens(String split) {
        Tensor threes = MnistSample.images(split, 3).toFloat().div(255);
        Tensor sevens = MnistSample.images(split, 7).toFloat().div(255);
        Tensor x = cat(threes, sevens).view(-1, 28 * 28).contiguous();
        Tensor y = cat(ones(DType.INT64, threes.size(0)), zeros(DType.INT64, sevens.size(0))).unsqueeze(1);
        return new Tensor[] {x, y};
    }

    static synchronized Split lesson8() {
        if (lesson8 == null) {
            MnistPkl d = MnistPkl.load();
            double mean = d.x().mean().item();
            double std = d.x().std().item();
            lesson8 = new Split(d.x().sub(mean).div(std), d.y(), d.xValid().sub(mean).div(std), d.yValid());
        }
        return lesson8;
    }
}
