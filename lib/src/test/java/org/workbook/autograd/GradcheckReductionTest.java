package org.workbook.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.workbook.autograd.GradAssert.Layout;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/** Gradcheck of sum, mean, var, std, max and min over all, one and several dims, with keepdim. */
class GradcheckReductionTest {
    enum Red { SUM, MEAN, VAR, STD, VAR_BIASED, STD_BIASED }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        int seed = 200;
        for (Red red : Red.values()) {
            for (int dims = 0; dims <= 2; dims++) {   // 0: all, 1: one dim, 2: several
                for (Layout layout : Layout.values()) {
                    out.add(Arguments.of(red, dims, seed % 2 == 0, layout, seed++));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} over {1} dims keepdim={2} {3} seed {4}")
    @MethodSource("cases")
    void gradcheck(Red red, int howMany, boolean keepdim, Layout layout, int seed) {
        Random r = new Random(seed);
        int[] shape = GradAssert.shape(r, 2, 4, 4);
        for (int i = 0; i < shape.length; i++) {
            shape[i] = Math.max(shape[i], 2); // var/std need n - 1 > 0 along every reduced dim
        }
        int[] dims = pickDims(r, shape.length, howMany);
        Tensor x = GradAssert.values(r, shape, -2, 2, 0);
        String what = red + " dims " + Arrays.toString(dims) + " keepdim " + keepdim + " of " + Arrays.toString(shape);
        GradAssert.check(what, layout, v -> reduce(red, v, dims, keepdim), x);
    }

    /** No dims (all), one dim (sometimes negative), or two or more distinct dims. */
    private static int[] pickDims(Random r, int rank, int howMany) {
        if (howMany == 0) {
            return null;
        }
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            all.add(i);
        }
        java.util.Collections.shuffle(all, r);
        int n = howMany == 1 ? 1 : 2 + r.nextInt(rank - 1);
        int[] d = new int[n];
        for (int i = 0; i < n; i++) {
            d[i] = r.nextBoolean() ? all.get(i) : all.get(i) - rank;
        }
        return d;
    }

    private static Tensor reduce(Red red, Tensor v, int[] dims, boolean keepdim) {
        if (dims == null) {
            return switch (red) {
                case SUM -> v.sum();
                case MEAN -> v.mean();
                case VAR -> v.var();
                case STD -> v.std();
                case VAR_BIASED -> v.var(null, false, keepdim);
                case STD_BIASED -> v.std(null, false, keepdim);
            };
        }
        return switch (red) {
            case SUM -> v.sum(dims, keepdim);
            case MEAN -> v.mean(dims, keepdim);
            case VAR -> v.var(dims, true, keepdim);
            case STD -> v.std(dims, true, keepdim);
            case VAR_BIASED -> v.var(dims, false, keepdim);
            case STD_BIASED -> v.std(dims, false, keepdim);
        };
    }

    static Stream<Arguments> extremumCases() {
        List<Arguments> out = new ArrayList<>();
        for (int seed = 300; seed < 318; seed++) {
            out.add(Arguments.of(seed % 2 == 0, Layout.values()[seed % 3], seed));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "max={0} {1} seed {2}")
    @MethodSource("extremumCases")
    void maxMinOverAllAndAlongADim(boolean max, Layout layout, int seed) {
        Random r = new Random(seed);
        int[] shape = GradAssert.shape(r, 1, 4, 4);
        Tensor x = GradAssert.distinct(r, shape);
        int dim = r.nextInt(shape.length) - (r.nextBoolean() ? shape.length : 0);
        boolean keepdim = r.nextBoolean();
        GradAssert.check((max ? "max" : "min") + "() of " + Arrays.toString(shape), layout,
            v -> max ? v.max() : v.min(), x);
        GradAssert.check((max ? "max" : "min") + "(" + dim + ", " + keepdim + ") of " + Arrays.toString(shape), layout,
            v -> max ? v.max(dim, keepdim).values() : v.min(dim, keepdim).values(), x);
    }

    @Test
    void maxOverAllSharesTiesEvenlyAsTorch() {
        Tensor x = Tensors.tensor(1.0, 3.0, 3.0, 2.0).requiresGrad_();
        x.max().backward();
        assertEquals("tensor([0.0000, 0.5000, 0.5000, 0.0000])", x.grad().toString());
    }

    @Test
    void maxAlongADimSendsTheGradientToTheFirstChosenIndex() {
        Tensor x = Tensors.tensor(new double[][] {{1, 5, 5}, {7, 0, 7}}).requiresGrad_();
        var mi = x.max(1);
        assertEquals("tensor([1, 0])", mi.indices().toString());
        mi.values().sum().backward();
        assertEquals("tensor([[0., 1., 0.],\n        [1., 0., 0.]])", x.grad().toString());
    }

    @Test
    void reductionsOfA0dTensorAndGradFnNames() {
        Tensor s = Tensors.tensor(2.0).requiresGrad_();
        s.sum().mul(s.mean()).backward();
        assertEquals(4.0, s.grad().item());
        Tensor x = Tensors.ones(2, 3).requiresGrad_();
        assertEquals("<SumBackward0>", x.sum().gradFn().toString());
        assertEquals("<SumBackward1>", x.sum(1).gradFn().toString());
        assertEquals("<MeanBackward0>", x.mean().gradFn().toString());
        assertEquals("<MeanBackward1>", x.mean(0).gradFn().toString());
        assertEquals("<MaxBackward1>", x.max().gradFn().toString());
        assertEquals("<MaxBackward0>", x.max(0).values().gradFn().toString());
    }
}
