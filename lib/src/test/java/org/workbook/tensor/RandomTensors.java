package org.workbook.tensor;

import java.util.Random;

/** Seeded random tensors for property tests (tests only). */
public final class RandomTensors {
    private RandomTensors() { }

    /** A float32 tensor of {@code shape} with N(0, 1) values drawn from {@code r}, element by element. */
    public static Tensor gaussian(Random r, int... shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return Tensors.fromArray(v, shape);
    }
}
