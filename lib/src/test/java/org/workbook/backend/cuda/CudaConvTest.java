package org.workbook.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.workbook.backend.cuda.OnGpu.assertSame;

import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.workbook.nn.BatchNorm2d;
import org.workbook.nn.Conv2d;
import org.workbook.nn.F;
import org.workbook.nn.Flatten;
import org.workbook.nn.MaxPool2d;
import org.workbook.nn.Module;
import org.workbook.nn.ReLU;
import org.workbook.nn.Sequential;
import org.workbook.ops.ConvOptions;
import org.workbook.ops.PoolOptions;
import org.workbook.optim.SGD;
import org.workbook.tensor.DType;
import org.workbook.tensor.Device;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * Convolutions, pooling, batch norm, padding and dropout on the GPU against the CPU, forward
 * and backward, through the ops: window.cu's kernels (im2col/col2im, pooling, channel sums;
 * checked one by one in {@link CudaWindowKernelsTest}) with matrix products and elementwise
 * primitives around them; and a CNN that trains alike on both.
 */
class CudaConvTest {
    /** The output, then the gradient of sum(f(inputs) * w) for each input, on the inputs' device. */
    private static Tensor[] run(Function<Tensor[], Tensor> f, Tensor... in) {
        Tensor[] leaves = new Tensor[in.length];
        for (int i = 0; i < in.length; i++) {
            leaves[i] = in[i].detach().clone().requiresGrad_();
        }
        Tensor y = f.apply(leaves);
        Tensor w = Tensors.arange(y.numel()).to(y.device(), y.dtype()).reshape(y.shapeArray()).sin();
        y.mul(w).sum().backward();
        Tensor[] out = new Tensor[in.length + 1];
        out[0] = y;
        for (int i = 0; i < in.length; i++) {
            out[i + 1] = leaves[i].grad();
        }
        return out;
    }

    private static void same(String what, Function<Tensor[], Tensor> f, Tensor... cpu) {
        Device d = OnGpu.device();
        Tensor[] gpuIn = new Tensor[cpu.length];
        for (int i = 0; i < cpu.length; i++) {
            gpuIn[i] = cpu[i].to(d);
        }
        Tensor[] e = run(f, cpu);
        Tensor[] a = run(f, gpuIn);
        assertEquals(String.valueOf(e[0].gradFn()), String.valueOf(a[0].gradFn()), what + ": grad_fn");
        for (int i = 0; i < e.length; i++) {
            assertSame(what + (i == 0 ? " forward" : " gradient " + (i - 1)), e[i], a[i], 4);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"FLOAT32", "FLOAT64"})
    void convolutionsEveryOption(String type) {
        DType dt = DType.valueOf(type);
        Tensor x = OnGpu.randn(1, 2, 4, 9, 7) /* seed 1, [2, 4, 9, 7] */.to(dt);
        Tensor w = OnGpu.randn(2, 6, 2, 3, 2).to(dt);
        Tensor b = OnGpu.randn(3, 6).to(dt);
        Tensor w1 = OnGpu.randn(5, 6, 4, 3, 2).to(dt);
        same("conv2d", v -> F.conv2d(v[0], v[1], v[2], 1, 0), x, w1, b);
        same("conv2d stride 2 pad 1 groups 2", v -> F.conv2d(v[0], v[1], v[2],
            ConvOptions.of(2, 1).withGroups(2)), x, w, b);
        same("conv2d same dilated", v -> F.conv2d(v[0], v[1], null, ConvOptions.same().withDilation(2)
            .withGroups(2)), x, w);
        same("conv2d stride 3, 1 > kernel", v -> F.conv2d(v[0], v[1], v[2], ConvOptions.of(3, 2)
            .withStride(3, 1).withGroups(2)), x, w, b);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"FLOAT32", "FLOAT64"})
    void poolingNormPadDropout(String type) {
        DType dt = DType.valueOf(type);
        Tensor x = OnGpu.randn(4, 3, 2, 7, 6).to(dt);
        Tensor g = OnGpu.randn(5, 2).to(dt);
        same("maxPool2d", v -> F.maxPool2d(v[0], 2), x);
        same("maxPool2d 3/2/1 ceil", v -> F.maxPool2d(v[0], PoolOptions.of(3, 2, 1).withCeilMode(true)), x);
        same("avgPool2d 3/2/1", v -> F.avgPool2d(v[0], 3, 2, 1), x);
        same("avgPool2d no pad count", v -> F.avgPool2d(v[0], PoolOptions.of(3, 2, 1).withCountIncludePad(false)), x);
        same("adaptiveAvgPool2d 3x2", v -> F.adaptiveAvgPool2d(v[0], 3, 2), x);
        same("adaptiveAvgPool2d 1", v -> F.adaptiveAvgPool2d(v[0], 1), x);
        same("batchNorm train", v -> F.batchNorm(v[0], null, null, v[1], v[1], true, 0.1, 1e-5), x, g);
        same("pad", v -> F.pad(v[0], new int[] {1, 2, 0, 1}, 0.5), x);
        same("dropout eval", v -> F.dropout(v[0], 0.5, false), x.add(0.0));
    }

    @Test
    void cnnTrainsAlikeWithRunningStatistics() {
        Device d = OnGpu.device();
        Tensors.manualSeed(17);
        Module cpu = cnn();
        Tensors.manualSeed(17);
        Module gpu = cnn().to(d);
        Tensor x = OnGpu.randn(6, 8, 1, 12, 12);
        Tensor y = Tensors.tensor(0, 1, 2, 1, 0, 2, 2, 1);
        SGD oc = new SGD(cpu.parameters(), 0.1);
        SGD og = new SGD(gpu.parameters(), 0.1);
        for (int step = 0; step < 3; step++) {
            Tensor lc = F.crossEntropy(cpu.apply(x), y);
            Tensor lg = F.crossEntropy(gpu.apply(x.to(d)), y.to(d));
            assertSame("loss at step " + step, lc, lg, 10);
            lc.backward();
            lg.backward();
            oc.step();
            og.step();
            oc.zeroGrad();
            og.zeroGrad();
        }
        for (var e : cpu.stateDict().entrySet()) {
            assertSame(e.getKey(), e.getValue(), gpu.stateDict().get(e.getKey()), 10);
        }
        cpu.eval();
        gpu.eval();
        assertSame("eval forward", cpu.apply(x), gpu.apply(x.to(d)), 10);
    }

    private static Module cnn() {
        return new Sequential(new Conv2d(1, 4, 3, 2, 1), new BatchNorm2d(4), new ReLU(), new MaxPool2d(2),
            new Conv2d(4, 3, 3, 1, 1), new org.workbook.nn.AdaptiveAvgPool2d(1), new Flatten());
    }
}
