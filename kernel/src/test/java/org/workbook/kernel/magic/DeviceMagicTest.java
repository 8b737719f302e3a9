package org.workbook.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.workbook.backend.cpu.Gemm;
import org.workbook.backend.cpu.Parallel;
import org.workbook.backend.cuda.Cuda;
import org.workbook.tensor.Device;

/**
 * %device pins Device.best() (where lessons put models and data), and says why when
 * CUDA cannot be had. The no-GPU tests run everywhere but on a GPU machine; the GPU
 * tests only there.
 */
class DeviceMagicTest {
    private final DeviceMagic magic = new DeviceMagic();

    @AfterEach
    void machineChoosesAgain() {
        Device.setDefault(null);
        System.clearProperty(Device.DEFAULT_PROPERTY);
    }

    @Test
    void aloneItShowsTheChoiceAndWhyThereIsNoGpu() throws Exception {
        assumeFalse(Device.cudaAvailable(), "this machine has a GPU");
        String s = magic.set("");
        assertEquals("Device.best() is cpu, as there is no GPU here: lessons put their models and data there "
                + "(re-run a lesson's `Device device = Device.best();` cell for it to move).\n"
                + "CUDA: not available: " + Cuda.unavailableReason() + ".\n"
                + DeviceMagic.cpuSummary() + ".\n"
                + "Change it with %device cpu | cuda | cuda:N | best.", s);
        assertTrue(Cuda.unavailableReason().length() > 10, "the reason is spelled out: " + Cuda.unavailableReason());
    }

    @Test
    void aloneItShowsTheBlasAndItsThreads() throws Exception {
        Parallel.setNumThreads(1);
        try {
            String s = magic.set("");
            assertTrue(s.contains("CPU: 1 thread for large ops; matmul BLAS: OpenBLAS "), s);
            assertTrue(s.contains(" bundled (org.bytedeco:openblas ") && s.contains("native, 1 thread"), s);
        } finally {
            Parallel.setNumThreads(Runtime.getRuntime().availableProcessors());
        }
    }

    @Test
    void cpuPinsDeviceBestAndTheStatusSaysWhoChose() throws Exception {
        assertEquals("Device.best() is now cpu: lessons put their models and data there (re-run a lesson's "
                + "`Device device = Device.best();` cell for it to move)", magic.set(" CPU "));
        assertEquals(Device.CPU, Device.best());
        assertEquals("cpu", magic.current());
        assertTrue(magic.set("").startsWith("Device.best() is cpu, chosen with %device cpu: "), magic.set(""));
    }

    @Test
    void bestLetsTheMachineChooseAgain() throws Exception {
        magic.set("cpu");
        String s = magic.set("best");
        Device machine = Device.cudaAvailable() ? Device.cuda(0) : Device.CPU;
        assertEquals(machine, Device.best());
        assertTrue(s.startsWith("Device.best() chooses from this machine again, so it is " + machine), s);
        assertTrue(magic.set("").contains(Device.cudaAvailable() ? ", this machine's first GPU: " : ", as there is no GPU here: "),
                magic.set(""));
    }

    @Test
    void theSystemPropertyIsNamedWhenItDecides() throws Exception {
        System.setProperty(Device.DEFAULT_PROPERTY, "cpu");
        assertTrue(magic.set("").startsWith("Device.best() is cpu, from the system property workbook.device=cpu: "));
    }

    @Test
    void aDeviceThatTheRunnerPinnedIsSaidToBePinned() throws Exception {
        Device.setDefault(Device.CPU);
        String s = magic.set("");
        assertTrue(s.startsWith(Device.cudaAvailable()
                ? "Device.best() is cpu, pinned with Device.setDefault (the runner's --device, or code): "
                : "Device.best() is cpu, as there is no GPU here: "), s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cuda", "cuda:0", "cuda:3", "gpu"})
    void withoutAGpuCudaIsRefusedWithTheReason(String arg) {
        assumeFalse(Device.cudaAvailable(), "this machine has a GPU");
        MagicException e = assertThrows(MagicException.class, () -> magic.set(arg));
        assertEquals("%device " + arg + ": CUDA is not available here: " + Cuda.unavailableReason()
                + ". Lessons stay on cpu (%device alone shows what this machine has)", e.getMessage());
        assertEquals(Device.CPU, Device.best(), "nothing changed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tpu", "cuda:", "cuda:-1", "cuda 0", "mps", "cuda:x"})
    void anythingElseGetsTheUsage(String arg) {
        MagicException e = assertThrows(MagicException.class, () -> magic.set(arg));
        assertEquals("%device takes cpu, cuda, cuda:N or best (or nothing, to show the choice), not '" + arg + "'",
                e.getMessage());
    }

    @Test
    void onAGpuCudaPinsTheFirstGpuByName() throws Exception {
        assumeTrue(Device.cudaAvailable(), "no GPU on this machine: " + Cuda.unavailableReason());
        String s = magic.set("cuda");
        assertEquals(Device.cuda(0), Device.best());
        assertTrue(s.startsWith("Device.best() is now cuda:0 (" + Cuda.context(0).name() + "): "), s);
        assertTrue(magic.set("").contains("CUDA: " + Device.cudaDeviceCount() + " device"), magic.set(""));
        int missing = Device.cudaDeviceCount();
        MagicException e = assertThrows(MagicException.class, () -> magic.set("cuda:" + missing));
        assertTrue(e.getMessage().startsWith("%device cuda:" + missing + ": CUDA device cuda:" + missing
                + " does not exist"), e.getMessage());
    }
}
