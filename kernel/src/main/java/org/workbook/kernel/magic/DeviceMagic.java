package org.workbook.kernel.magic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.workbook.backend.cpu.Gemm;
import org.workbook.backend.cpu.Parallel;
import org.workbook.backend.cuda.Cuda;
import org.workbook.tensor.Device;

/**
 * {@code %device}: chooses where lessons compute. Every lesson declares
 * {@code Device device = Device.best();} near its top and puts its models and data
 * there, so pinning what {@link Device#best()} returns ({@link Device#setDefault})
 * moves the whole lesson; tensors made without a device stay on the CPU, as in torch.
 * The runner's {@code --device} uses the same wording ({@link #describe}).
 *
 * <pre>
 * %device              what Device.best() is now, which GPUs this machine has (or why none), and the
 *                      CPU's threads and matmul BLAS
 * %device cpu          lessons compute on the CPU
 * %device cuda         ... on the first GPU (cuda:N for another); without one, an error saying why
 * %device best         the machine chooses again: the first GPU when there is one, else the CPU
 * </pre>
 */
public final class DeviceMagic {
    static final String USAGE = "%device takes cpu, cuda, cuda:N or best (or nothing, to show the choice)";
    /** What the chosen device is for, said after every change. */
    private static final String EFFECT = "lessons put their models and data there (re-run a lesson's "
            + "`Device device = Device.best();` cell for it to move)";

    /** The device the last %device pinned, and how it was asked for; null until then (the machine picks). */
    private volatile Device chosen;
    private volatile String chosenAs;

    /** The device {@link Device#best()} returns now, as torch writes it ("cpu", "cuda:0"). */
    String current() {
        try {
            return Device.best().toString();
        } catch (RuntimeException e) {
            return "cpu";
        }
    }

    /** Runs {@code %device ARG}; returns what to print. */
    String set(String arg) throws MagicException {
        String want = arg.strip().toLowerCase(Locale.ROOT);
        if (want.isEmpty()) {
            return status();
        }
        if (!want.matches("cpu|cuda|gpu|cuda:\\d{1,4}|best")) {
            throw new MagicException(USAGE + ", not '" + arg.strip() + "'");
        }
        if (want.equals("best")) {
            Device.setDefault(null);
            chosen = null;
            chosenAs = null;
            Device d = best();
            return "Device.best() chooses from this machine again, so it is " + describe(d)
                    + (d.isCpu() && !Device.cudaAvailable() ? " (no GPU here)" : "") + ": " + EFFECT;
        }
        if (!want.equals("cpu") && !Device.cudaAvailable()) {
            throw new MagicException("%device " + want + ": CUDA is not available here: " + Cuda.unavailableReason()
                    + ". Lessons stay on " + current() + " (%device alone shows what this machine has)");
        }
        Device d;
        try {
            d = Device.parse(want);
        } catch (RuntimeException e) {
            throw new MagicException("%device " + want + ": " + e.getMessage());
        }
        Device.setDefault(d);
        chosen = d;
        chosenAs = want;
        return "Device.best() is now " + describe(d) + ": " + EFFECT;
    }

    /** {@code %device} alone: the current choice, where it came from, and the GPUs (or why there are none). */
    private String status() throws MagicException {
        Device d = best();
        String prop = System.getProperty(Device.DEFAULT_PROPERTY);
        Device machine = Device.cudaAvailable() ? Device.cuda(0) : Device.CPU;
        String from;
        if (chosen != null && d.equals(chosen)) {
            from = "chosen with %device " + chosenAs;
        } else if (chosen == null && prop != null && !prop.isBlank() && !prop.strip().equalsIgnoreCase("best")) {
            from = "from the system property " + Device.DEFAULT_PROPERTY + "=" + prop.strip();
        } else if (chosen != null || !d.equals(machine)) {
            from = "pinned with Device.setDefault (the runner's --device, or code)";
        } else {
            from = d.isCuda() ? "this machine's first GPU" : "as there is no GPU here";
        }
        return "Device.best() is " + describe(d) + ", " + from + ": " + EFFECT + ".\n" + cudaSummary()
                + ".\n" + cpuSummary() + ".\nChange it with %device cpu | cuda | cuda:N | best.";
    }

    private static Device best() throws MagicException {
        try {
            return Device.best();
        } catch (RuntimeException e) {
            throw new MagicException("%device: Device.best() fails: " + e.getMessage());
        }
    }

    /** "cpu", or "cuda:0 (NVIDIA H100 80GB HBM3)": a device with the GPU's name when the driver gives it. */
    public static String describe(Device d) {
        if (!d.isCuda()) {
            return d.toString();
        }
        String name = gpuName(d.index());
        return name == null ? d.toString() : d + " (" + name + ")";
    }

    /** One line: the CPU's threads and which BLAS runs its matrix products (and why not a faster one). */
    public static String cpuSummary() {
        int t = Parallel.getNumThreads();
        return "CPU: " + t + (t == 1 ? " thread" : " threads") + " for large ops; matmul BLAS: " + Gemm.describe();
    }

    /** One line: the CUDA devices by name, or why there are none. */
    public static String cudaSummary() {
        int n = Device.cudaDeviceCount();
        if (n == 0) {
            return "CUDA: not available: " + Cuda.unavailableReason();
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = gpuName(i);
            names.add("cuda:" + i + (name == null ? "" : " " + name));
        }
        return "CUDA: " + n + " device" + (n == 1 ? "" : "s") + ": " + String.join(", ", names);
    }

    /** The driver's name for GPU i, or null when its context cannot be made (the reason shows on first use). */
    private static String gpuName(int i) {
        try {
            return Cuda.context(i).name();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
