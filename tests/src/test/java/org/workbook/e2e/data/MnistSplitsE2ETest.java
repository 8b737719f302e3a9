package org.workbook.e2e.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.workbook.data.Mnist;
import org.workbook.data.MnistPkl;
import org.workbook.data.MnistSample;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;

/** The split facts the lessons rely on, on the real MNIST in data/mnist/. */
class MnistSplitsE2ETest {
    @Test
    void mnistHasItsSixtyAndTenThousandDigits() {
        var train = Mnist.train();
        var test = Mnist.test();
        assertArrayEquals(new int[] {60000, 28, 28}, train.x().shape().toArray());
        assertEquals(DType.UINT8, train.x().dtype());
        assertEquals(DType.INT64, train.y().dtype());
        assertArrayEquals(new int[] {10000, 28, 28}, test.x().shape().toArray());
        long[] first = new long[5];
        System.arraycopy(train.y().toLongArray(), 0, first, 0, 5);
        assertArrayEquals(new long[] {5, 0, 4, 1, 9}, first);
        assertEquals(7, test.y().toLongArray()[0]);
    }

    @Test
    void theSampleHasTheCountsOfFastaisDownload() {
        assertEquals(6131, MnistSample.images("train", 3).size(0));
        assertEquals(6265, MnistSample.images("train", 7).size(0));
        assertEquals(1010, MnistSample.images("valid", 3).size(0));
        assertEquals(1028, MnistSample.images("valid", 7).size(0));
        assertEquals(6131, MnistSample.indices("train", 3).length);
        // The five 3s fastai's labels.csv starts with are 3s here too.
        int[] threes = MnistSample.indices("train", 3);
        for (int i : new int[] {7463, 21102, 31559, 46882, 26209}) {
            assertEquals(true, java.util.Arrays.binarySearch(threes, i) >= 0, i + " is a 3");
        }
    }

    @Test
    void theCourseSplitStartsItsValidationWith38696() {
        var d = MnistPkl.load();
        assertArrayEquals(new int[] {50000, 784}, d.x().shape().toArray());
        assertArrayEquals(new int[] {50000}, d.y().shape().toArray());
        assertArrayEquals(new int[] {10000, 784}, d.xValid().shape().toArray());
        assertEquals(DType.FLOAT32, d.x().dtype());
        long[] first = new long[5];
        System.arraycopy(d.yValid().toLongArray(), 0, first, 0, 5);
        assertArrayEquals(new long[] {3, 8, 6, 9, 6}, first);
    }

    /** Mean and standard deviation in double precision, whatever the tensor's own sums do. */
    private static double[] meanStd(Tensor t) {
        float[] v = t.toFloatArray();
        double s = 0, ss = 0;
        for (float f : v) {
            s += f;
        }
        double m = s / v.length;
        for (float f : v) {
            ss += (f - m) * (f - m);
        }
        return new double[] {m, Math.sqrt(ss / (v.length - 1))};
    }

    @Test
    void normalisingWithTheTrainingStatisticsGivesTheCoursesNumbers() {
        var d = MnistPkl.load();
        double[] ms = meanStd(d.x());
        // The pickle's pixels are value/256: the course printed (0.13044983, 0.30728981),
        // numpy's float32 sums; in double they are 0.1304497 and 0.3072898. With /255
        // instead the mean would be 0.13096.
        assertEquals(0.13044983, ms[0], 5e-7);
        assertEquals(0.30728981, ms[1], 5e-7);
        float max = 0;
        for (float f : d.x().toFloatArray()) {
            max = Math.max(max, f);
        }
        assertEquals(0.99609375f, max);
        Tensor x = d.x().sub(ms[0]).div(ms[1]);
        Tensor xv = d.xValid().sub(ms[0]).div(ms[1]);
        double[] t = meanStd(x), v = meanStd(xv);
        assertEquals(0, t[0], 1e-5);
        assertEquals(1, t[1], 1e-5);
        assertEquals(-0.0059, v[0], 1e-3);
        assertEquals(0.9924, v[1], 1e-3);
        // The background of a normalised image, as the lesson's crop shows.
        assertEquals(-0.4245, xv.toFloatArray()[0], 1e-4);
    }
}
