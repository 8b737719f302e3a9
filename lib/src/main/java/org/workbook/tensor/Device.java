package org.workbook.tensor;

import java.util.Objects;

import org.workbook.backend.cuda.Cuda;

/**
 * Where a tensor's elements live: the CPU, or CUDA device {@code i} when the NVIDIA
 * driver and a GPU are present. Asking whether CUDA is there never fails and loads
 * nothing native until the first ask; without a GPU the library behaves exactly as
 * if CUDA did not exist.
 *
 * <pre>{@code
 * jshell> Device.CPU
 * $1 ==> cpu
 * jshell> Device.cudaAvailable()          // false on a machine without an NVIDIA GPU
 * $2 ==> true
 * jshell> var x = tensor(1, 2, 3).to(Device.best())
 * jshell> x
 * $4 ==> tensor([1, 2, 3], device='cuda:0')
 * }</pre>
 */
public final class Device {
    public enum Kind { CPU, CUDA }

    public static final Device CPU = new Device(Kind.CPU, -1);

    /** System property naming the device {@link #best()} returns ("cpu", "cuda", "cuda:1"). */
    public static final String DEFAULT_PROPERTY = "workbook.device";

    private static final Device[] CUDA_DEVICES = new Device[16];
    private static volatile Device defaultDevice;

    private final Kind kind;
    private final int index;

    private Device(Kind kind, int index) {
        this.kind = kind;
        this.index = index;
    }

    public Kind kind() {
        return kind;
    }

    /** The CUDA ordinal; -1 for the CPU. */
    public int index() {
        return index;
    }

    public boolean isCpu() {
        return kind == Kind.CPU;
    }

    public boolean isCuda() {
        return kind == Kind.CUDA;
    }

    /** True when a CUDA device can be used on this machine (driver loads, at least one GPU). */
    public static boolean cudaAvailable() {
        return Cuda.deviceCount() > 0;
    }

    /** How many CUDA devices there are (0 without a driver or GPU), torch.cuda.device_count(). */
    public static int cudaDeviceCount() {
        return Cuda.deviceCount();
    }

    /**
     * The device lessons use: the one chosen with {@link #setDefault} or the
     * {@value #DEFAULT_PROPERTY} system property (the kernel's %device and the runner's
     * --device set it), else the first GPU when there is one, else the CPU.
     */
    public static Device best() {
        Device d = defaultDevice;
        if (d != null) {
            return d;
        }
        String prop = System.getProperty(DEFAULT_PROPERTY);
        if (prop != null && !prop.isBlank() && !prop.trim().equalsIgnoreCase("best")) {
            return parse(prop);
        }
        return cudaAvailable() ? cuda(0) : CPU;
    }

    /** Pins what {@link #best()} returns (null: choose again from the machine). */
    public static void setDefault(Device d) {
        defaultDevice = d;
    }

    /** The first CUDA device, torch's {@code 'cuda'}. */
    public static Device cuda() {
        return cuda(0);
    }

    /** CUDA device {@code i}; fails with the reason when it cannot be used here. */
    public static Device cuda(int i) {
        int n = Cuda.deviceCount();
        if (n == 0) {
            throw new IllegalStateException("CUDA device cuda:" + i + " requested, but CUDA is not available here: "
                + Cuda.unavailableReason() + ". Use Device.CPU (or Device.best(), which picks the CPU "
                + "when there is no GPU).");
        }
        if (i < 0 || i >= n) {
            throw new IllegalArgumentException("CUDA device cuda:" + i + " does not exist: this machine has " + n
                + " CUDA device" + (n == 1 ? "" : "s") + " (cuda:0" + (n > 1 ? " to cuda:" + (n - 1) : "") + ")");
        }
        synchronized (CUDA_DEVICES) {
            if (i >= CUDA_DEVICES.length) {
                return new Device(Kind.CUDA, i);
            }
            if (CUDA_DEVICES[i] == null) {
                CUDA_DEVICES[i] = new Device(Kind.CUDA, i);
            }
            return CUDA_DEVICES[i];
        }
    }

    /** Parses "cpu", "cuda", "cuda:1" or "best". */
    public static Device parse(String s) {
        String t = s.trim().toLowerCase();
        if (t.equals("cpu")) {
            return CPU;
        }
        if (t.equals("best")) {
            return best();
        }
        if (t.equals("cuda") || t.equals("gpu")) {
            return cuda(0);
        }
        if (t.startsWith("cuda:")) {
            try {
                return cuda(Integer.parseInt(t.substring(5)));
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
        }
        throw new IllegalArgumentException("Unknown device '" + s + "': expected cpu, cuda, cuda:N or best");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Device d && d.kind == kind && d.index == index;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, index);
    }

    @Override
    public String toString() {
        return kind == Kind.CPU ? "cpu" : "cuda:" + index;
    }
}
