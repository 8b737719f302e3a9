package org.workbook.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;

/**
 * SGD and Adam replayed step by step against torch.optim (1.13) goldens from
 * bench/golden/gen_optim.py: same start, same gradients, every intermediate parameter compared.
 * The comparison is EXACT (bit for bit) in float32 and float64: our loops use the same
 * operation order and the same fused multiply-adds as torch's CPU kernels.
 */
class OptimGoldenTest {
    static Stream<OptimGolden.Case> sgdCases() {
        return OptimGolden.read("sgd.txt").stream();
    }

    static Stream<OptimGolden.Case> adamCases() {
        return OptimGolden.read("adam.txt").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sgdCases")
    void sgdMatchesTorch(OptimGolden.Case c) {
        List<Tensor> ps = OptimGolden.initialParams(c.dtype());
        SGD opt = new SGD(ps, c.opt("lr"), c.opt("momentum"), c.opt("dampening"), c.opt("weight_decay"),
            c.opt("nesterov") != 0);
        replay(c, ps, opt);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adamCases")
    void adamMatchesTorch(OptimGolden.Case c) {
        List<Tensor> ps = OptimGolden.initialParams(c.dtype());
        Adam opt = new Adam(ps, c.opt("lr"), c.opt("beta1"), c.opt("beta2"), c.opt("eps"), c.opt("weight_decay"));
        replay(c, ps, opt);
    }

    private static void replay(OptimGolden.Case c, List<Tensor> ps, Optimizer opt) {
        assertEquals(5, c.steps().size(), "steps in the golden case " + c);
        for (int k = 1; k <= c.steps().size(); k++) {
            for (int j = 0; j < ps.size(); j++) {
                ps.get(j).setGrad(OptimGolden.gradient(c.dtype(), k, j));
            }
            opt.step();
            for (int j = 0; j < ps.size(); j++) {
                compare(c, k, j, c.steps().get(k - 1)[j], ps.get(j));
            }
        }
    }

    private static void compare(OptimGolden.Case c, int step, int param, double[] expected, Tensor p) {
        double[] actual = p.toDoubleArray();
        assertEquals(expected.length, actual.length, "element count of parameter " + param);
        StringBuilder bad = new StringBuilder();
        int worst = 0;
        for (int i = 0; i < expected.length; i++) {
            long ulps = c.dtype() == DType.FLOAT32
                ? Math.abs((long) Float.floatToIntBits((float) actual[i]) - Float.floatToIntBits((float) expected[i]))
                : Math.abs(Double.doubleToLongBits(actual[i]) - Double.doubleToLongBits(expected[i]));
            if (ulps != 0) {
                worst = (int) Math.max(worst, Math.min(ulps, Integer.MAX_VALUE));
                bad.append(String.format("%n  [%d] %s vs torch %s (%d ulp)", i, Double.toHexString(actual[i]),
                    Double.toHexString(expected[i]), ulps));
            }
        }
        if (bad.length() > 0) {
            fail(c + ", step " + step + ", parameter " + param + ": differs from torch (worst " + worst + " ulp)" + bad);
        }
    }
}
