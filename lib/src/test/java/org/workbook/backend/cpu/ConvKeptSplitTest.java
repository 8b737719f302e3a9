package org.workbook.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.workbook.backend.Window2d;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * On the stride-phase walk a training forward keeps the batch's phase split (not its columns) and
 * the backward copies each block's columns back out of it: the output and every gradient must be
 * the bits of a forward that keeps nothing and a backward that rebuilds the columns from x, on
 * {@link CpuConvTest}'s phase geometries at batch sizes that make several blocks and a short last
 * one (odd image sizes, whose phases run past the image and read as zero, included).
 */
class ConvKeptSplitTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("multiBlockCases")
    void theKeptSplitGivesTheBitsOfRebuiltColumns(String name, int[] c) {
        int nb = CpuConv.block(geometry(c, 1000));
        Window2d g = geometry(c, 2 * nb + 1); // two whole blocks and a last one of one sample
        int oh = g.oh();
        int ow = g.ow();
        int n = g.n();
        assertTrue(onThePhaseWalk(g), name + ": blocks of " + nb + " on the phase walk");
        int groups = c[9];
        Tensors.manualSeed(name.hashCode());
        Tensor x = Tensors.randn(n, c[1], c[3], c[4]);
        Tensor w = Tensors.randn(c[2], c[1] / groups, c[5], c[5]);
        Tensor b = Tensors.randn(c[2]);
        Tensor gy = Tensors.randn(n, c[2], oh, ow);
        Tensor[] kept = run(x, w, b, gy, g, groups, true);
        Tensor[] rebuilt = run(x, w, b, gy, g, groups, false);
        String[] what = {"output", "input gradient", "weight gradient", "bias gradient"};
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(rebuilt[i].toFloatArray(), kept[i].toFloatArray(), name + ": " + what[i]);
        }
    }

    /** CpuConvTest's phase cases whose blocks of several samples still take the phase walk (not samples innermost). */
    static Stream<Arguments> multiBlockCases() {
        List<Arguments> cases = CpuConvTest.phaseCases()
            .filter(a -> onThePhaseWalk(geometry((int[]) a.get()[1], 2 * CpuConv.block(geometry((int[]) a.get()[1],
                1000)) + 1)))
            .collect(Collectors.toList());
        assertTrue(cases.size() >= 6, "phase cases left: " + cases.size());
        return cases.stream();
    }

    private static boolean onThePhaseWalk(Window2d g) {
        int nb = CpuConv.block(g);
        return PhaseWindows.applies(g) && nb > 1 && nb < g.n() && !Im2col.samplesInner(g, nb);
    }

    /** CpuConvTest's case (n, cin, cout, h, w, k, stride, pad, dilation, groups) as a geometry with n samples. */
    private static Window2d geometry(int[] c, int n) {
        int oh = (c[3] + 2 * c[7] - c[8] * (c[5] - 1) - 1) / c[6] + 1;
        int ow = (c[4] + 2 * c[7] - c[8] * (c[5] - 1) - 1) / c[6] + 1;
        return new Window2d(n, c[1], c[3], c[4], c[5], c[5], oh, ow, c[7], c[7], c[6], c[6], c[8], c[8]);
    }

    /** y, gx, gw, gb through CpuConv, the backward given what the forward kept (keep) or null. */
    private static Tensor[] run(Tensor x, Tensor w, Tensor b, Tensor gy, Window2d g, int groups, boolean keep) {
        Tensor y = Tensors.zeros(gy.shapeArray());
        Object kept = CpuConv.forward(x, w, b, g, groups, y, keep);
        Tensor gx = Tensors.zeros(x.shapeArray());
        Tensor gw = Tensors.zeros(w.shapeArray());
        Tensor gb = Tensors.zeros(b.shapeArray());
        CpuConv.backward(x, w, gy, g, groups, kept, gx, gw, gb);
        if (kept != null) {
            ColumnPool.give(kept);
        }
        return new Tensor[] {y, gx, gw, gb};
    }
}
