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
import org.workbook.data.DataLoaders;
import org.workbook.data.TensorDataset;
import org.workbook.learn.Learner;
import org.workbook.learn.Metrics;
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

    /** Every differentiable op's gradient, computed on the GPU, equals the CPU's and stays on the GPU. */
    @Test
    void gradientsOfEveryOpAgreeAndStayOnTheGpu() {
        Device d = OnGpu.device();
        Tensor x = OnGpu.randn(5, 4, 6).toDouble();
        Tensor w = OnGpu.randn(6, 400).toDouble();
        Tensor m = OnGpu.randn(8, 6, 3).toDouble();
        Tensor idx = Tensors.tensor(3, 0, 3);
        java.util.Map<String, Function<Tensor, Tensor>> ops = new java.util.LinkedHashMap<>();
        ops.put("x[0]", t -> t.get(0));
        ops.put("x[:, 1]", t -> t.get(":, 1"));
        ops.put("x[1:, ::2]", t -> t.get("1:, ::2"));
        ops.put("x[idx]", t -> t.get(idx.to(t.device())));
        ops.put("floor (zero derivative)", Tensor::floor);
        ops.put("max over dim 1", t -> t.max(1).values());
        ops.put("max of all", Tensor::max);
        ops.put("abs, clamp, relu", t -> t.abs().clamp(0.1, 1.5).add(t.relu()));
        ops.put("sigmoid, tanh, exp, log", t -> t.sigmoid().add(t.tanh()).add(t.exp()).add(t.abs().add(1).log()));
        ops.put("pow, sqrt, div", t -> t.pow(2).add(t.abs().sqrt()).div(t.abs().add(1)));
        ops.put("sum, mean, var", t -> t.sum(0).mul(t.mean(1).sum()).add(t.var(1).sum()));
        ops.put("where", t -> Tensor.where(t.gt(0), t.mul(2), t.neg()));
        ops.put("matmul", t -> t.matmul(m.to(t.device())));
        ops.put("reshape, permute, expand", t -> t.reshape(2, 2, 6).permute(2, 0, 1).get(":, :1").expand(6, 3, 2));
        ops.put("cat, stack", t -> Tensors.stack(List.of(Tensors.cat(t, t.mul(3)), Tensors.cat(t, t)), 1));
        for (java.util.Map.Entry<String, Function<Tensor, Tensor>> e : ops.entrySet()) {
            Function<Tensor, Tensor> f = e.getValue();
            Tensor gc = grad(t -> f.apply(t).mul(weights(f.apply(t), w)).sum(), x);
            Tensor gg = grad(t -> f.apply(t).mul(weights(f.apply(t), w).to(d)).sum(), x.to(d));
            assertEquals(d, gg.device(), e.getKey() + ": the gradient lives on the GPU");
            assertSame("d " + e.getKey(), gc, gg);
        }
    }

    /** Fixed, position-dependent weights of y's shape (so every output element matters differently). */
    private static Tensor weights(Tensor y, Tensor w) {
        return w.reshape(-1).get("0:" + Math.max(1, y.numel())).reshape(y.shapeArray()).detach().cpu();
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

    /** A Learner trains a model on the GPU like on the CPU, and each step gives its temporaries back. */
    @Test
    void learnerTrainsOnTheGpuAndKeepsMemoryFlat() {
        Device d = OnGpu.device();
        Tensor x = OnGpu.randn(11, 512, 20);
        Tensor y = x.get(":, 0").gt(0).toLong().add(x.get(":, 1").gt(0).toLong());
        java.util.List<java.util.List<Double>> losses = new java.util.ArrayList<>();
        long[] growth = new long[1];
        for (Device on : new Device[] {Device.CPU, d}) {
            Module m = mlp().to(on);
            var dls = DataLoaders.fromDatasets(new TensorDataset(x, y), new TensorDataset(x.get(":64"), y.get(":64")),
                32);
            dls.train().seed(5);
            var learn = new Learner(dls, m, Adam::new, F::crossEntropy, Metrics.accuracy());
            if (on.isCuda()) {
                learn.fit(1, 1e-2); // the first epoch makes the Adam moments and fills the cache
                growth[0] = Cuda.memoryAllocated(d.index());
                learn.fit(1, 1e-2);
                growth[0] = Cuda.memoryAllocated(d.index()) - growth[0];
            } else {
                learn.fit(1, 1e-2);
                learn.fit(1, 1e-2);
            }
            losses.add(learn.recorder().batchLosses());
            assertEquals(on, m.device());
        }
        assertEquals(losses.get(0).size(), losses.get(1).size());
        for (int i = 0; i < losses.get(0).size(); i++) {
            assertEquals(losses.get(0).get(i), losses.get(1).get(i), 1e-4, "batch loss " + i + " on the GPU");
        }
        assertTrue(growth[0] <= 0, "an epoch's temporaries are given back as it goes: " + growth[0] + " bytes more");
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
