package org.workbook.ops;

import org.workbook.tensor.Device;
import org.workbook.tensor.Tensor;

/**
 * Which device an op runs on. All tensor operands must share one device, except a
 * 0-d CPU tensor (a Java number, a scalar), which torch also lets into GPU ops; the
 * message is torch's, so students can search for it.
 */
public final class Devices {
    private Devices() {
    }

    /** The device of the operands (null ones skipped); fails on a clash. */
    public static Device common(Tensor... ts) {
        Device found = null;
        Tensor first = null;
        for (Tensor t : ts) {
            if (t == null || (t.device().isCpu() && t.ndim() == 0)) {
                continue;
            }
            if (found == null) {
                found = t.device();
                first = t;
            } else if (!found.equals(t.device())) {
                throw clash(first.device(), t.device());
            }
        }
        return found != null ? found : Device.CPU; // only 0-d CPU operands: a CPU op
    }

    /** For in-place ops: {@code other} must be on self's device, or a 0-d CPU tensor. */
    public static void checkSame(Tensor self, Tensor other) {
        if (other != null && !other.device().equals(self.device()) && !(other.device().isCpu() && other.ndim() == 0)) {
            throw clash(self.device(), other.device());
        }
    }

    static IllegalArgumentException clash(Device a, Device b) {
        return new IllegalArgumentException("Expected all tensors to be on the same device, but found at least two "
            + "devices, " + a + " and " + b + "! Move them with .to(device) first (e.g. x.to(Device.best())).");
    }
}
