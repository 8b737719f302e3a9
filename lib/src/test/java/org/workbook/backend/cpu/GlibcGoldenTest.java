package org.workbook.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.workbook.nn.F;
import org.workbook.tensor.Slice;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * The elements torch's float32 sigmoid and softplus compute with their scalar formula (a run's last
 * n mod 16, strided runs: the C library's expf and log1pf) give PyTorch 1.13's bits, as do binary
 * cross-entropy's elementwise loss (logf and log1pf on every element), its mean and its gradient, and
 * {@link GlibcFloatMath}'s expf, logf and log1pf the C library's (golden/tensor/torch_tails.txt, from
 * bench/golden/gen_torch_tails.py): short tensors, 0-d, rows sliced from wider ones, every other
 * element, a column broadcast along rows, and softplus's gradient with an expanded output gradient.
 */
class GlibcGoldenTest {
    record Case(String name, String op, double beta, double threshold, String layout, int[] shape, float[] x,
                float[] g, float[] y) {
        @Override
        public String toString() {
            return name;
        }

        Tensor laidOut(float[] v) {
            Tensor t = Tensors.tensor(v).view(shape);
            switch (layout) {
                case "broadcast":
                    return t.get(Slice.ALL, Slice.of(0, 1)).contiguous().expand(shape);
                case "rows": {
                    Tensor wide = Tensors.zeros(shape[0], shape[1] + 3);
                    Tensor view = wide.get(Slice.ALL, Slice.of(0, shape[1]));
                    view.copy_(t);
                    return view;
                }
                case "strided": {
                    Tensor wide = Tensors.zeros(t.numel(), 2);
                    wide.select(1, 0).copy_(t.reshape(-1));
                    return wide.select(1, 0).view(shape);
                }
                default:
                    return t;
            }
        }

        Tensor apply() {
            Tensor in = laidOut(x);
            switch (op) {
                case "sigmoid": return in.sigmoid();
                case "softplus": return F.softplus(in, beta, threshold);
                case "softplus_grad": {
                    Tensor leaf = in.detach().requiresGrad_();
                    Tensor go = layout.equals("expanded") ? Tensors.tensor(g[0]).expand(shape) : laidOut(g);
                    F.softplus(leaf, beta, threshold).backward(go);
                    return leaf.grad();
                }
                case "bce": {
                    float[] loss = new float[x.length];
                    CpuBce.loss(x, 0, g, 0, loss, x.length);
                    return Tensors.tensor(loss).view(shape);
                }
                case "bce_mean": return F.binaryCrossEntropy(in, laidOut(g)).reshape(1);
                case "bce_grad": {
                    Tensor leaf = in.detach().requiresGrad_();
                    F.binaryCrossEntropy(leaf, laidOut(g)).backward();
                    return leaf.grad();
                }
                default: throw new IllegalArgumentException("unknown op in the golden file: " + op);
            }
        }
    }

    static List<Case> goldens() throws IOException {
        List<Case> cases = new ArrayList<>();
        String file = "/golden/tensor/torch_tails.txt";
        for (GoldenBits.Block b : GoldenBits.read(file, "bench/golden/gen_torch_tails.py")) {
            String[] h = b.header();
            int[] shape = Arrays.stream(h, 5, h.length).mapToInt(Integer::parseInt).toArray();
            float[] x = b.get("x");
            assertEquals(Arrays.stream(shape).reduce(1, (p, q) -> p * q), x.length, String.join(" ", h));
            cases.add(new Case(h[0], h[1], Double.parseDouble(h[2]), Double.parseDouble(h[3]), h[4], shape, x,
                b.get("g"), b.get("y")));
        }
        GoldenBits.assertCount(100, cases, file);
        return cases;
    }

    static List<Case> torchCases() throws IOException {
        return goldens().stream().filter(c -> !c.op().endsWith("f")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("torchCases")
    void torchsBits(Case c) {
        Tensor got = c.apply();
        assertEquals(Arrays.toString(c.op().equals("bce_mean") ? new int[] {1} : c.shape()),
            Arrays.toString(got.shapeArray()));
        float[] g = got.contiguous().toFloatArray();
        if (c.op().equals("bce_mean")) {
            // The elementwise losses are torch's bits (the bce cases); their mean adds them in double
            // (SimdSum), torch in float in its own order: a last bit or two apart on long tensors.
            assertEquals(c.y()[0], g[0], 2 * Math.ulp(c.y()[0]), "bce mean of " + c.x().length);
            return;
        }
        for (int i = 0; i < c.y().length; i++) {
            assertEquals(Float.floatToIntBits(c.y()[i]), Float.floatToIntBits(g[i]),
                c.op() + "(" + c.x()[i] + ") " + c.layout() + " at " + i + ": torch " + c.y()[i] + ", ours " + g[i]);
        }
    }

    @Test
    void theCLibrarysExpfLogfAndLog1pf() throws IOException {
        int cases = 0;
        for (Case c : goldens()) {
            if (!c.op().endsWith("f")) {
                continue;
            }
            cases++;
            for (int i = 0; i < c.x().length; i++) {
                float x = c.x()[i];
                float got = switch (c.op()) {
                    case "expf" -> GlibcFloatMath.expf(x);
                    case "logf" -> GlibcFloatMath.logf(x);
                    default -> GlibcFloatMath.log1pf(x);
                };
                assertEquals(Float.floatToIntBits(c.y()[i]), Float.floatToIntBits(got), c.op() + "(" + x + ")");
            }
        }
        assertEquals(3, cases);
    }

    /** The file tells the two formulas apart: on its tail elements SLEEF's steps would miss torch's bits. */
    @Test
    void theGoldensSeparateTheTwoFormulas() throws IOException {
        int sigmoid = 0;
        int softplus = 0;
        for (Case c : goldens()) {
            if (!c.op().equals("sigmoid") && !c.op().equals("softplus")) {
                continue;
            }
            for (int i = 0; i < c.x().length; i++) {
                float x = c.x()[i];
                int want = Float.floatToIntBits(c.y()[i]);
                if (c.op().equals("sigmoid") && Float.floatToIntBits(FloatMath.sigmoid(x)) != want) {
                    sigmoid++;
                }
                if (c.op().equals("softplus")
                        && Float.floatToIntBits(CpuSoftplus.softplusf(x, (float) c.beta(), (float) c.threshold())) != want) {
                    softplus++;
                }
            }
        }
        assertTrue(sigmoid >= 10, "sigmoid elements where SLEEF's formula misses torch's bits: " + sigmoid);
        assertTrue(softplus >= 10, "softplus elements where SLEEF's formula misses torch's bits: " + softplus);
    }
}
