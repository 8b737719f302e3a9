package org.workbook.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.backend.cuda.OnGpu.assertSame;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.workbook.nn.F;
import org.workbook.nn.Linear;
import org.workbook.nn.Module;
import org.workbook.nn.Parameter;
import org.workbook.nn.ReLU;
import org.workbook.nn.Sequential;
import org.workbook.optim.Adam;
import org.workbook.optim.Optimizer;
import org.workbook.optim.SGD;
import org.workbook.tensor.DType;
import org.workbook.tensor.Device;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * Autograd, layers, losses and optimizers on the GPU against the same computation on
 * the CPU: the fused softmax/NLL kernels forward and backward, whole training steps
 * with SGD and Adam, and the memory rules (scopes, out of memory). Skipped without a GPU.
 */
class CudaTrainingTest {
    /** Gradient of f's scalar output with respect to x, on x's device. */
    private static Tensor grad(Function<Tensor, Tensor> f, Tensor x) {
        Tensor leaf = x.detach().requiresGrad_();
        f.apply(leaf).backward();
        return leaf.grad();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"FLOAT32", "FLOAT64"})
    void softmaxAndNllForwardAndBackward(String type) {
        Device d = OnGpu.device();
        DType dt = DType.valueOf(type);
        Tensor x = OnGpu.randn(1, 7, 10).to(dt);
        Tensor w = OnGpu.randn(2, 7, 10).to(dt);
        Tensor y = Tensors.tensor(3, 0, 9, 9, 1, 2, 5);
        assertSame("logSoftmax", F.logSoftmax(x, 1), F.logSoftmax(x.to(d), -1));
        assertSame("softmax", F.softmax(x, -1), F.softmax(x.to(d), 1));
        assertSame("d logSoftmax", grad(t -> F.logSoftmax(t, 1).mul(w).sum(), x),
            grad(t -> F.logSoftmax(t, 1).mul(w.to(d)).sum(), x.to(d)));
        assertSame("d softmax", grad(t -> F.softmax(t, 1).mul(w).sum(), x),
            grad(t -> F.softmax(t, 1).mul(w.to(d)).sum(), x.to(d)));
        assertSame("cross entropy", F.crossEntropy(x, y), F.crossEntropy(x.to(d), y.to(d)));
        assertSame("d cross entropy", grad(t -> F.crossEntropy(t, y), x), grad(t -> F.crossEntropy(t, y.to(d)),
            x.to(d)));
        assertSame("nll sum", F.nllLoss(x, y, F.Reduction.SUM), F.nllLoss(x.to(d), y.to(d), F.Reduction.SUM));
        assertSame("d nll none", grad(t -> F.nllLoss(t, y, F.Reduction.NONE).mul(w.get(":, 0")).sum(), x),
            grad(t -> F.nllLoss(t, y.to(d), F.Reduction.NONE).mul(w.get(":, 0").to(d)).sum(), x.to(d)));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
            () -> F.nllLoss(x.to(d), Tensors.tensor(0, 1, 2, 3, 4, 5, 10).to(d)).item());
        assertTrue(e.getMessage().startsWith("Target 10 is out of bounds"), e.getMessage());
    }

    private static Module mlp() {
        Tensors.manualSeed(42);
        return new Sequential(new Linear(20, 16), new ReLU(), new Linear(16, 4));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sgd", "sgd-momentum", "adam"})
    void trainingStepsMatchTheCpu(String which) {
        Device d = OnGpu.device();
        Module cpu = mlp();
        Module gpu = mlp().to(d);
        assertEquals(d, gpu.device());
        Function<Module, Optimizer> make = m -> switch (which) {
            case "sgd" -> new SGD(m.parameters(), 0.1);
            case "sgd-momentum" -> new SGD(m.parameters(), 0.05, 0.9, 0, 1e-4, true);
            default -> new Adam(m.parameters(), 1e-2);
        };
        Optimizer oc = make.apply(cpu);
        Optimizer og = make.apply(gpu);
        Tensor x = OnGpu.randn(7, 32, 20);
        Tensor y = Tensors.randint(0, 4, 32);
        for (int step = 0; step < 5; step++) {
            Tensor lc = F.crossEntropy(cpu.apply(x), y);
            Tensor lg = F.crossEntropy(gpu.apply(x.to(d)), y.to(d));
            assertSame(which + " loss at step " + step, lc, lg);
            lc.backward();
            lg.backward();
            oc.step();
            og.step();
            oc.zeroGrad();
            og.zeroGrad();
        }
        List<Parameter> pc = cpu.parameters();
        List<Parameter> pg = gpu.parameters();
        for (int i = 0; i < pc.size(); i++) {
            assertEquals(d, pg.get(i).device(), "parameters stay on the GPU");
            assertSame(which + " parameter " + i + " after 5 steps", pc.get(i).detach(), pg.get(i).detach());
        }
    }

    @Test
    void moduleToMovesGradientsAndBack() {
        Device d = OnGpu.device();
        Module m = mlp();
        Tensor x = OnGpu.randn(3, 2, 20);
        m.apply(x).sum().backward();
        Tensor g = m.parameters().get(0).grad();
        m.to(d);
        assertEquals(d, m.parameters().get(0).grad().device());
        assertSame("grad moved", g, m.parameters().get(0).grad());
        m.to(Device.CPU);
        assertEquals(Device.CPU, m.parameters().get(0).device());
    }

    @Test
    void randomOnTheDeviceIsRepeatableAndDistributed() {
        Device d = OnGpu.device();
        Tensors.manualSeed(3);
        Tensor a = Tensors.randn(d, 200_000);
        Tensors.manualSeed(3);
        Tensor b = Tensors.randn(d, 200_000);
        assertSame("same seed, same values", a.cpu(), b);
        assertEquals(0, a.mean().item(), 0.01, "mean of normals");
        assertEquals(1, a.std().item(), 0.01, "std of normals");
        Tensor u = Tensors.rand(d, 200_000);
        assertEquals(0.5, u.mean().item(), 0.01, "mean of uniforms");
        assertTrue(u.min().item() >= 0 && u.max().item() < 1, "uniforms in [0, 1)");
    }

    @Test
    void scopesGiveMemoryBackAndKeepWhatIsKept() {
        Device d = OnGpu.device();
        Tensor kept;
        Tensor dropped;
        long before = Cuda.memoryAllocated(d.index());
        try (CudaMemory.Scope scope = CudaMemory.scope()) {
            dropped = Tensors.ones(1000, 1000).to(d);
            kept = scope.keep(dropped.mul(2).sum());
            assertTrue(Cuda.memoryAllocated(d.index()) >= before + 4_000_000, "the scope's tensors are allocated");
        }
        assertEquals(2_000_000, kept.item(), "a kept tensor survives its scope");
        assertTrue(Cuda.memoryAllocated(d.index()) < before + 4_000_000, "the rest went back to the cache");
        IllegalStateException e = assertThrows(IllegalStateException.class, dropped::sum);
        assertTrue(e.getMessage().contains("was released"), e.getMessage());
    }

    @Test
    void outOfMemorySaysHowMuchWasAskedAndIsFree() {
        Device d = OnGpu.device();
        CudaContext c = Cuda.context(d.index());
        long total = c.allocator().reservedBytes() + (64L << 40); // far beyond any GPU
        CudaOutOfMemoryError e = assertThrows(CudaOutOfMemoryError.class, () -> c.allocate(total));
        assertTrue(e.getMessage().startsWith("CUDA out of memory on cuda:0"), e.getMessage());
        assertTrue(e.getMessage().contains("tried to allocate") && e.getMessage().contains(" free of "),
            e.getMessage());
    }
}
