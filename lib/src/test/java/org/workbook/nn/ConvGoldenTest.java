package org.workbook.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.workbook.ops.ConvOptions;
import org.workbook.ops.PoolOptions;
import org.workbook.random.Generator;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * Replays the torch goldens of {@code bench/golden/gen_conv.py}: forward values, every input's
 * gradient of sum(y * gy), the grad_fn name and batch norm's running statistics after the step,
 * on seeded random cases with odd sizes, stride larger than the kernel, padding, dilation,
 * groups and batch 1; then the default initialisation, module reprs and error messages.
 */
class ConvGoldenTest {
    private static final List<ConvGolden.Case> CASES = ConvGolden.load();

    @TestFactory
    Stream<DynamicTest> forwardAndBackward() {
        return CASES.stream().filter(c -> !Arrays.asList("repr", "error", "init_conv2d", "bn_module").contains(c.op()))
            .map(c -> DynamicTest.dynamicTest(c.toString(), () -> replay(c)));
    }

    @TestFactory
    Stream<DynamicTest> initReprsErrors() {
        return CASES.stream().filter(c -> Arrays.asList("repr", "error", "init_conv2d", "bn_module").contains(c.op()))
            .map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
                switch (c.op()) {
                    case "init_conv2d" -> init(c);
                    case "bn_module" -> batchNormModule(c);
                    case "repr" -> assertEquals(String.join("\n", c.text()), ConvModules.build(c.name()).toString());
                    default -> {
                        String msg = ConvModules.error(c.name());
                        assertTrue(msg.startsWith(c.text().get(0)), c.name() + ": torch says\n  " + c.text().get(0)
                            + "\nwe say\n  " + msg);
                    }
                }
            }));
    }

    private static void init(ConvGolden.Case c) {
        int[] s = c.ints("shape");
        Generator.global().manualSeed(Long.parseLong(c.opt("seed")));
        Conv2d conv = new Conv2d(s[0], s[1], s[2], ConvOptions.of(2, 1).withGroups(Integer.parseInt(c.opt("groups"))),
            true);
        assertTrue(conv.weight.detach().equal(c.t("w")), "weight after manual_seed differs from torch's");
        assertTrue(conv.bias.detach().equal(c.t("b")), "bias after manual_seed differs from torch's");
    }

    /** Three training steps move the running statistics as torch's; eval then normalises with them. */
    private static void batchNormModule(ConvGolden.Case c) {
        boolean cumulative = c.opt("momentum").equals("None");
        Double momentum = cumulative ? null : Double.valueOf(c.opt("momentum"));
        int features = c.t("rm_after").numel();
        BatchNormBase m = c.t("x").ndim() == 4 ? new BatchNorm2d(features, 1e-5, momentum, true, true)
            : new BatchNorm1d(features, 1e-5, momentum, true, true);
        for (int step = 0; step < 3; step++) {
            m.apply(c.t("x" + step));
        }
        close(c, "running_mean", c.t("rm_after"), m.runningMean);
        close(c, "running_var", c.t("rv_after"), m.runningVar);
        assertEquals(Long.parseLong(c.opt("tracked")), m.numBatchesTracked.longItem(), "num_batches_tracked");
        m.eval();
        Tensor y = m.apply(c.t("x"));
        close(c, "eval output", c.t("y"), y);
        assertEquals(c.gradFn(), y.gradFn().name(), c + ": grad_fn");
    }

    private static void replay(ConvGolden.Case c) {
        Map<String, Tensor> in = new java.util.HashMap<>();
        for (String role : new String[] {"x", "w", "b", "rm", "rv"}) {
            Tensor t = c.t(role);
            if (t != null) {
                in.put(role, role.startsWith("r") ? t.clone() : t.clone().requiresGrad_());
            }
        }
        Tensor y = op(c).apply(in);
        close(c, "y", c.t("y"), y);
        assertEquals(c.gradFn(), y.gradFn().name(), c + ": grad_fn");
        y.mul(c.t("gy")).sum().backward();
        for (String role : new String[] {"x", "w", "b"}) {
            if (c.t("g" + role) != null) {
                assertNotNull(in.get(role).grad(), c + ": no gradient for " + role);
                close(c, "grad of " + role, c.t("g" + role), in.get(role).grad());
            }
        }
        for (String role : new String[] {"rm", "rv"}) {
            if (c.t(role + "_after") != null) {
                close(c, role + " after the step", c.t(role + "_after"), in.get(role));
            }
        }
    }

    private static Function<Map<String, Tensor>, Tensor> op(ConvGolden.Case c) {
        return switch (c.op()) {
            case "conv2d" -> t -> {
                int[] s = c.pair("stride");
                int[] d = c.pair("dilation");
                ConvOptions o = c.opt("padding").equals("same") ? ConvOptions.same()
                    : ConvOptions.defaults().withPadding(c.pair("padding")[0], c.pair("padding")[1]);
                o = o.withStride(s[0], s[1]).withDilation(d[0], d[1]).withGroups(c.ints("groups")[0]);
                return F.conv2d(t.get("x"), t.get("w"), t.get("b"), o);
            };
            case "max_pool2d", "avg_pool2d" -> t -> {
                int[] k = c.pair("kernel");
                int[] s = c.pair("stride");
                int[] p = c.pair("padding");
                PoolOptions o = PoolOptions.of(1).withKernel(k[0], k[1]).withStride(s[0], s[1]).withPadding(p[0], p[1])
                    .withCeilMode(Boolean.parseBoolean(c.opt("ceil_mode")));
                if (c.op().equals("max_pool2d")) {
                    return F.maxPool2d(t.get("x"), o.withDilation(c.pair("dilation")[0], c.pair("dilation")[1]));
                }
                o = o.withCountIncludePad(Boolean.parseBoolean(c.opt("count_include_pad")))
                    .withDivisorOverride(c.ints("divisor_override")[0]);
                return F.avgPool2d(t.get("x"), o);
            };
            case "adaptive_avg_pool2d" -> t -> F.adaptiveAvgPool2d(t.get("x"), c.pair("output_size")[0],
                c.pair("output_size")[1]);
            case "batch_norm" -> t -> F.batchNorm(t.get("x"), t.get("rm"), t.get("rv"), t.get("w"), t.get("b"),
                Boolean.parseBoolean(c.opt("training")), Double.parseDouble(c.opt("momentum")),
                Double.parseDouble(c.opt("eps")));
            case "pad" -> t -> F.pad(t.get("x"), c.ints("pad"), Double.parseDouble(c.opt("value")));
            case "dropout" -> t -> {
                Tensors.manualSeed(Long.parseLong(c.opt("seed")));
                return F.dropout(t.get("x"), Double.parseDouble(c.opt("p")), true);
            };
            default -> throw new IllegalStateException("unknown golden op " + c.op());
        };
    }

    /** Sums of a few dozen products: a few float32 ulps apart from torch's order of operations. */
    private static void close(ConvGolden.Case c, String what, Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shapeArray(), actual.shapeArray(), c + ": shape of " + what);
        assertEquals(expected.dtype(), actual.dtype(), c + ": dtype of " + what);
        boolean f32 = expected.dtype() == DType.FLOAT32;
        double rtol = f32 ? 2e-5 : 1e-10;
        double atol = f32 ? 2e-5 : 1e-11;
        double[] e = expected.toDoubleArray();
        double[] a = actual.detach().contiguous().toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs(e[i] - a[i]) <= atol + rtol * Math.abs(e[i]))) {
                fail(c + ": " + what + " element " + i + ": torch " + e[i] + ", ours " + a[i]);
            }
        }
    }
}
