package org.workbook.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.workbook.nn.F;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * softmax / log_softmax over a dim that is not the last against torch 1.13's bits
 * (bench/golden/gen_softmax_dims.py: sequential float sums, SLEEF's exp on whole groups of eight inner
 * positions and glibc's on the rest, log_softmax's chunks), through F's public calls.
 */
class SoftmaxOverDimTest {
    private static final double[] SPECIAL_MIXED = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 80, -80};

    record Case(String op, int[] shape, int dim, String special, int salt, DType dtype, String kind, String want) {
        @Override
        public String toString() {
            return op + " " + Arrays.toString(shape) + " dim " + dim + " " + special + " " + dtype;
        }
    }

    static Stream<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        try (InputStream in = SoftmaxOverDimTest.class.getResourceAsStream("/golden/softmax/dims.txt")) {
            assertNotNull(in, "golden/softmax/dims.txt is missing: run bench/golden/gen_softmax_dims.py");
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] p = line.split(" ", 8);
                int[] shape = Arrays.stream(p[1].split("x")).mapToInt(Integer::parseInt).toArray();
                out.add(new Case(p[0], shape, Integer.parseInt(p[2]), p[3], Integer.parseInt(p[4]),
                    p[5].equals("float32") ? DType.FLOAT32 : DType.FLOAT64, p[6], p[7]));
            }
        }
        return out.stream();
    }

    /** The generator's input: ((i * 7919 + salt) % 1999) / 199 - 5, then the case's special values. */
    static Tensor input(Case c) {
        int n = Arrays.stream(c.shape()).reduce(1, (a, b) -> a * b);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = ((i * 7919L + c.salt()) % 1999) / 199.0 - 5.0;
        }
        double[] special = switch (c.special()) {
            case "nan" -> new double[] {Double.NaN};
            case "inf" -> new double[] {Double.POSITIVE_INFINITY};
            case "-inf" -> new double[] {Double.NEGATIVE_INFINITY};
            case "mixed" -> SPECIAL_MIXED;
            default -> new double[0];
        };
        for (int k = 0; k < special.length; k++) {
            x[(k * 37 + c.salt()) % n] = special[k];
        }
        return Tensors.fromArray(x, c.shape()).to(c.dtype());
    }

    private static Tensor run(Case c, Tensor x) {
        return c.op().equals("softmax") ? F.softmax(x, c.dim()) : F.logSoftmax(x, c.dim());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void torchsBits(Case c) throws NoSuchAlgorithmException {
        Tensor got = run(c, input(c));
        if (c.dtype() == DType.FLOAT32) {
            float[] v = got.toFloatArray();
            if (c.kind().equals("sha256")) {
                ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (float f : v) {
                    b.putFloat(Float.isNaN(f) ? Float.NaN : f); // one NaN pattern, as the generator hashes
                }
                String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
                assertEquals(c.want(), sha, c + ": the bytes differ from torch's");
                return;
            }
            String[] want = c.want().split(" ");
            for (int i = 0; i < v.length; i++) {
                if (Float.isNaN(Float.intBitsToFloat(Integer.parseUnsignedInt(want[i], 16)))) {
                    assertTrue(Float.isNaN(v[i]), c + ": element " + i + " is " + v[i] + ", torch NaN");
                    continue; // NaN payloads differ between SIMD and scalar code, and print alike
                }
                assertEquals(want[i], String.format("%08x", Float.floatToRawIntBits(v[i])),
                    c + ": element " + i + " is " + v[i] + ", torch " + Float.intBitsToFloat(Integer.parseUnsignedInt(want[i], 16)));
            }
            return;
        }
        // float64: torch's exp and log are SLEEF's, ours DoubleMath's; a few ulps apart at most
        double[] v = got.toDoubleArray();
        String[] want = c.want().split(" ");
        for (int i = 0; i < v.length; i++) {
            double w = Double.longBitsToDouble(Long.parseUnsignedLong(want[i], 16));
            if (Double.isNaN(w) || Double.isInfinite(w) || w == 0) {
                assertEquals(w, v[i], c + ": element " + i);
            } else {
                assertEquals(w, v[i], 8 * Math.ulp(Math.max(1.0, Math.abs(w))), c + ": element " + i);
            }
        }
    }

    /** Any layout and dim: the same values as the plain composition computed in double, to float accuracy. */
    @Test
    void randomShapesAgreeWithTheCompositionInDouble() {
        Random r = new Random(42);
        for (int t = 0; t < 300; t++) {
            int nd = 2 + r.nextInt(3);
            int[] shape = new int[nd];
            for (int d = 0; d < nd; d++) {
                shape[d] = 1 + r.nextInt(r.nextInt(4) == 0 ? 20 : 5);
            }
            int dim = r.nextInt(nd - 1);
            Tensor x = Tensors.randn(shape).mul(3);
            if (r.nextBoolean()) {
                x = x.transpose(0, nd - 1).contiguous().transpose(0, nd - 1); // a non-contiguous view
            }
            boolean log = r.nextBoolean();
            Tensor got = log ? F.logSoftmax(x, dim) : F.softmax(x, dim);
            Tensor xd = x.toDouble();
            Tensor shifted = xd.sub(xd.max(dim, true).values());
            Tensor sum = shifted.exp().sum(dim, true);
            Tensor want = log ? shifted.sub(sum.log()) : shifted.exp().div(sum);
            double[] g = got.toDoubleArray();
            double[] w = want.toDoubleArray();
            for (int i = 0; i < g.length; i++) {
                assertEquals(w[i], g[i], 2e-6 * Math.max(1, Math.abs(w[i])),
                    Arrays.toString(shape) + " dim " + dim + (log ? " log" : "") + " element " + i);
            }
            assertTrue(SoftmaxOverDim.applies(x, dim), "dim " + dim + " of " + Arrays.toString(shape) + " comes here");
        }
    }
}
