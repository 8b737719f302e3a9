package org.workbook.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.tensor.Tensors.arange;
import static org.workbook.tensor.Tensors.cat;
import static org.workbook.tensor.Tensors.stack;
import static org.workbook.tensor.Tensors.tensor;
import static org.workbook.tensor.Tensors.zeros;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntToDoubleFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * toString() against PyTorch 1.13's repr, case by case, from golden/tensor/print.txt
 * (written by bench/golden/gen_tensor_print.py). Each case here builds the same tensor
 * as the script's case of the same name, from the same integer formulas.
 */
class PrintingTest {
    static double fF(int i) {
        return ((i * 37) % 101 - 50) / 8.0;
    }

    static double fG(int i) {
        return ((i * 7919) % 1000 - 500) / 333.0;
    }

    static double fH(int i) {
        return i * 13 % 97;
    }

    static Tensor t32(int n, IntToDoubleFunction f, int... shape) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) f.applyAsDouble(i);
        }
        return Tensors.fromArray(v, shape.length == 0 ? new int[] {n} : shape);
    }

    static Tensor t64(int n, IntToDoubleFunction f, int... shape) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = f.applyAsDouble(i);
        }
        return Tensors.fromArray(v, shape.length == 0 ? new int[] {n} : shape);
    }

    static Tensor gx() {
        return t32(4, PrintingTest::fF).requiresGrad_();
    }

    static final double NAN = Double.NaN;
    static final double INF = Double.POSITIVE_INFINITY;

    static final Map<String, Supplier<Object>> CASES = new LinkedHashMap<>();

    private static void c(String name, Supplier<Object> make) {
        CASES.put(name, make);
    }

    static {
        c("int_vec", () -> tensor(1, 2, 3));
        c("int_widths", () -> tensor(-100, 5, 42, 7));
        c("int_2d", () -> arange(12).reshape(3, 4));
        c("int_3d", () -> arange(24).reshape(2, 3, 4).sub(10));
        c("int_0d", () -> tensor(7));
        c("int_huge", () -> tensor(9007199254740993L, -1L));
        c("int_wrap", () -> arange(100));
        c("int_wrap_wide", () -> arange(10000, 10030));
        c("bool_vec", () -> tensor(true, false, true));
        c("bool_2d", () -> arange(6).reshape(2, 3).gt(2));
        c("bool_0d", () -> tensor(true).reshape());
        c("f32_small", () -> tensor(0.1, 0.25, -1.5));
        c("f32_G", () -> t32(7, PrintingTest::fG));
        c("f32_2d", () -> t32(12, PrintingTest::fG, 3, 4));
        c("f32_3d", () -> t32(24, PrintingTest::fF, 2, 3, 4));
        c("f32_int_valued", () -> tensor(1., 2., 30.));
        c("f32_int_valued_neg", () -> tensor(-1., 0., 5.));
        c("f32_int_valued_2d", () -> t32(6, PrintingTest::fH, 2, 3));
        c("f32_int_mode_sci", () -> tensor(1., 1e6));
        c("f32_int_mode_wide", () -> tensor(100., 2000.));
        c("f32_sci_ratio", () -> tensor(1e-3, 1.0, 10.0, 1000.0));
        c("f32_sci_small", () -> tensor(1e-5, 2e-5));
        c("f32_sci_large", () -> tensor(1e9, 2.5e9));
        c("f32_sci_neg", () -> tensor(-1e-5, 1.0));
        c("f32_sci_2d", () -> tensor(new double[][] {{1e-6, 1.0}, {123.5, -4e5}}));
        c("f32_ratio_ok", () -> tensor(0.5, 499.75));
        c("f64_vec", () -> t64(5, PrintingTest::fG));
        c("f64_0d", () -> Tensor.scalar(2.5, DType.FLOAT64));
        c("f64_sci", () -> tensor(DType.FLOAT64, 1e10, -1e-10));
        c("f64_2d", () -> t64(6, PrintingTest::fF, 3, 2));
        c("neg_zero", () -> tensor(-0.0, 0.0));
        c("neg_zero_0d", () -> tensor(-0.0));
        c("neg_zero_mixed", () -> tensor(-0.0, 1.5, -2.25));
        c("nan_inf", () -> tensor(NAN, INF, -INF, 1.5));
        c("nan_int_mode", () -> tensor(1., NAN, 2.));
        c("all_nan", () -> tensor(NAN, NAN));
        c("inf_only", () -> tensor(INF, -INF));
        c("nan_sci", () -> tensor(NAN, 1e-5, 1.0));
        c("nan_0d", () -> tensor(NAN));
        c("f32_0d", () -> tensor(3.0));
        c("f32_0d_frac", () -> tensor(0.125));
        c("f32_0d_tiny", () -> tensor(1e-6));
        c("f32_0d_big", () -> tensor(123456789.0));
        c("f32_0d_zero", () -> tensor(0.0));
        c("empty_f32", () -> zeros(0));
        c("empty_0x3", () -> zeros(0, 3));
        c("empty_2x0x4", () -> zeros(2, 0, 4));
        c("empty_int64", () -> zeros(DType.INT64, 0));
        c("empty_bool", () -> zeros(DType.BOOL, 0));
        c("empty_f64", () -> zeros(DType.FLOAT64, 0));
        c("empty_int64_3x0", () -> zeros(DType.INT64, 3, 0));
        c("empty_int32", () -> zeros(DType.INT32, 0));
        c("empty_uint8_2d", () -> zeros(DType.UINT8, 0, 2));
        c("sum_int_2000", () -> arange(2000));
        c("sum_f32_1001", () -> t32(1001, PrintingTest::fG));
        c("sum_f32_40x30", () -> t32(1200, PrintingTest::fF, 40, 30));
        c("sum_f32_12x10x10", () -> t32(1200, PrintingTest::fG, 12, 10, 10));
        c("sum_f32_2x600", () -> t32(1200, PrintingTest::fG, 2, 600));
        c("sum_f32_600x2", () -> t32(1200, PrintingTest::fF, 600, 2));
        c("sum_int_11x11x11", () -> arange(1331).reshape(11, 11, 11));
        c("sum_f64_1500", () -> t64(1500, PrintingTest::fG));
        c("sum_bool_1200", () -> t32(1200, i -> i % 3 == 0 ? 1 : 0).bool());
        c("wrap_f32_30", () -> t32(30, PrintingTest::fF));
        c("wrap_f32_3x25", () -> t32(75, PrintingTest::fG, 3, 25));
        c("wrap_f32_2x2x20", () -> t32(80, PrintingTest::fF, 2, 2, 20));
        c("wrap_f64_40", () -> t64(40, PrintingTest::fG));
        c("rg_vec", () -> tensor(1., 2.).requiresGrad_());
        c("rg_f64", () -> t64(3, PrintingTest::fG).requiresGrad_());
        c("rg_f64_wide", () -> t64(7, PrintingTest::fG).requiresGrad_());
        c("rg_f64_wrapped_rows", () -> t64(20, PrintingTest::fG).requiresGrad_());
        c("rg_0d", () -> tensor(1.5).requiresGrad_());
        c("gf_mul", () -> gx().mul(2));
        c("gf_add", () -> gx().add(1));
        c("gf_sub", () -> gx().sub(gx()));
        c("gf_div", () -> gx().div(4));
        c("gf_rsub", () -> gx().rsub(1));
        c("gf_neg", () -> gx().neg());
        c("gf_sum", () -> gx().sum());
        c("gf_mean", () -> gx().mean());
        c("gf_pow", () -> gx().pow(2));
        c("gf_relu", () -> gx().relu());
        c("gf_abs", () -> gx().abs());
        c("gf_view", () -> gx().view(2, 2));
        c("gf_reshape", () -> gx().reshape(2, 2));
        c("gf_t", () -> gx().view(2, 2).t());
        c("gf_transpose", () -> gx().view(2, 2).transpose(0, 1));
        c("gf_select", () -> gx().get("0"));
        c("gf_slice", () -> gx().get("1:"));
        c("gf_unsqueeze", () -> gx().unsqueeze(0));
        c("gf_squeeze_dim", () -> gx().unsqueeze(0).squeeze(0));
        c("gf_sum_dim", () -> gx().view(2, 2).sum(0));
        c("gf_mean_dim", () -> gx().view(2, 2).mean(1));
        c("gf_stack", () -> stack(gx(), gx()));
        c("gf_cat", () -> cat(gx(), gx()));
        c("gf_max", () -> gx().max());
        c("gf_clamp", () -> gx().clamp(0, 1));
        c("gf_double", () -> gx().toDouble());
        c("gf_exp_f64", () -> t64(3, PrintingTest::fF).requiresGrad_().mul(2));
        c("dt_uint8", () -> Tensors.fromUint8(new byte[] {0, 7, (byte) 255}, 3));
        c("dt_uint8_2d", () -> Tensors.fromUint8(new byte[] {1, 2, 30, (byte) 200}, 2, 2));
        c("dt_int32_2d", () -> Tensors.fromArray(new int[] {0, 1, 2, 3, 4, 5}, 2, 3));
        c("dt_int32_0d", () -> Tensors.fromArray(new int[] {5}));
        c("dt_int32_sum", () -> arange(1100).toInt());
        c("size_2x3", () -> zeros(2, 3).shape());
        c("size_0d", () -> zeros().shape());
        c("max_dim", () -> tensor(new double[][] {{1, 5}, {3, 2}}).max(1));
        c("min_dim_keep", () -> tensor(new double[][] {{1, 5}, {3, 2}}).min(0, true));
    }

    /** The golden blocks: case name to torch's text. */
    static Map<String, String> golden() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = PrintingTest.class.getResourceAsStream("/golden/tensor/print.txt")) {
            assertNotNull(in, "golden/tensor/print.txt is missing: run /usr/bin/python3 bench/golden/gen_tensor_print.py");
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String name = null;
            StringBuilder body = new StringBuilder();
            for (String line : text.split("\n", -1)) {
                if (line.startsWith("### ")) {
                    if (name != null) {
                        out.put(name, body.substring(0, body.length() - 1));
                    }
                    name = line.substring(4).trim();
                    body.setLength(0);
                } else if (name != null) {
                    body.append(line).append('\n');
                }
            }
            if (name != null) {
                out.put(name, body.toString().stripTrailing());
            }
        }
        return out;
    }

    static Stream<Arguments> cases() throws IOException {
        return golden().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void printsLikeTorch(String name, String expected) {
        Supplier<Object> make = CASES.get(name);
        assertNotNull(make, "no Java construction for golden case " + name);
        assertEquals(expected, make.get().toString(), name);
    }

    @Test
    void everyJavaCaseHasAGoldenText() throws IOException {
        TreeSet<String> missing = new TreeSet<>(CASES.keySet());
        missing.removeAll(golden().keySet());
        assertTrue(missing.isEmpty(), "cases with no golden text (rerun gen_tensor_print.py): " + missing);
    }

    @Test
    void viewsPrintTheirOwnElements() {
        // Printing reads through strides: a transposed, reversed view prints its logical order.
        Tensor m = arange(6).view(2, 3);
        assertEquals("tensor([[5, 2],\n        [4, 1],\n        [3, 0]])",
            Tensor.asStrided(m, new int[] {3, 2}, new int[] {-1, -3}, 5).toString());
        assertEquals("tensor([[1, 1, 1],\n        [2, 2, 2]])", tensor(1, 2).get(":, None").expand(2, 3).toString());
    }
}
