package org.workbook.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.workbook.backend.cuda.Cuda;
import org.workbook.nn.Linear;

/** Choosing devices, and a machine without a GPU behaving exactly as if CUDA did not exist. */
class DeviceTest {
    @AfterEach
    void reset() {
        Device.setDefault(null);
        System.clearProperty(Device.DEFAULT_PROPERTY);
    }

    @Test
    void bestFollowsTheDefaultThenThePropertyThenTheMachine() {
        Device machine = Device.cudaAvailable() ? Device.cuda(0) : Device.CPU;
        assertEquals(machine, Device.best());
        System.setProperty(Device.DEFAULT_PROPERTY, "cpu");
        assertEquals(Device.CPU, Device.best());
        Device.setDefault(Device.CPU);
        System.setProperty(Device.DEFAULT_PROPERTY, "best");
        assertEquals(Device.CPU, Device.best());
        Device.setDefault(null);
        assertEquals(machine, Device.best());
    }

    @Test
    void parseNamesTheFormsItTakes() {
        assertEquals(Device.CPU, Device.parse(" CPU "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Device.parse("tpu"));
        assertEquals("Unknown device 'tpu': expected cpu, cuda, cuda:N or best", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Device.parse("cuda:x"));
    }

    @Test
    void withoutAGpuCudaIsRefusedWithTheReasonAndNothingElseChanges() {
        assumeFalse(Device.cudaAvailable(), "this machine has a GPU");
        assertEquals(0, Device.cudaDeviceCount());
        assertFalse(Cuda.unavailableReason().isEmpty());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Device.parse("cuda:1"));
        assertEquals("CUDA device cuda:1 requested, but CUDA is not available here: " + Cuda.unavailableReason()
            + ". Use Device.CPU (or Device.best(), which picks the CPU when there is no GPU).", e.getMessage());
        assertThrows(IllegalStateException.class, () -> Tensors.zeros(2).cuda());
        System.setProperty(Device.DEFAULT_PROPERTY, "cuda");
        assertThrows(IllegalStateException.class, Device::best, "asking for CUDA by property still says why not");
        System.clearProperty(Device.DEFAULT_PROPERTY);
        Linear l = new Linear(3, 2);
        assertEquals(Device.CPU, l.to(Device.best()).device(), "models stay on the CPU");
        assertEquals("tensor([2., 4.])", Tensors.tensor(1.0, 2.0).to(Device.best()).mul(2).toString());
    }

    @Test
    void cpuTensorsReportTheirDeviceAndCopyToTheCpuAsThemselves() {
        Tensor t = Tensors.tensor(1, 2);
        assertTrue(t.device().isCpu());
        assertTrue(t.cpu() == t, "cpu() of a CPU tensor is the tensor itself, as in torch");
        assertEquals("cpu", t.device().toString());
    }
}
