package org.workbook.backend.cuda;

import jcuda.driver.JCudaDriver;

/**
 * The door to CUDA: finds out once, lazily, whether the NVIDIA driver loads and how
 * many GPUs it sees. Nothing native is touched before the first question, and a
 * machine without a driver just answers 0 with the reason, so CPU-only users never
 * notice this class. Setting the system property {@code workbook.cuda=off} hides
 * every GPU (to check the CPU path on a GPU machine).
 *
 * <pre>{@code
 * jshell> Cuda.deviceCount()
 * $1 ==> 0
 * jshell> Cuda.unavailableReason()
 * $2 ==> "the NVIDIA driver library (libcuda.so.1) is not installed: ..."
 * }</pre>
 */
public final class Cuda {
    private static final Object LOCK = new Object();
    private static volatile int count = -1;
    private static volatile String reason = "";
    private static final CudaContext[] CONTEXTS = new CudaContext[64];

    private Cuda() {
    }

    /** Number of usable CUDA devices; 0 (never an exception) when there is no driver or GPU. */
    public static int deviceCount() {
        int c = count;
        if (c >= 0) {
            return c;
        }
        synchronized (LOCK) {
            if (count < 0) {
                count = probe();
            }
            return count;
        }
    }

    /** Why {@link #deviceCount()} is 0, in words; empty when CUDA is available. */
    public static String unavailableReason() {
        deviceCount();
        return reason;
    }

    private static int probe() {
        if ("off".equalsIgnoreCase(System.getProperty("workbook.cuda", ""))) {
            reason = "CUDA is switched off by the system property workbook.cuda=off";
            return 0;
        }
        try {
            JCudaDriver.setExceptionsEnabled(true);
            JCudaDriver.cuInit(0);
            int[] n = new int[1];
            JCudaDriver.cuDeviceGetCount(n);
            if (n[0] == 0) {
                reason = "the NVIDIA driver is loaded but sees no GPU";
            }
            return n[0];
        } catch (UnsatisfiedLinkError e) {
            reason = driverFound()
                ? "JCuda's native library did not load beside the NVIDIA driver (" + firstLine(e.getMessage()) + ")"
                : "no NVIDIA driver on this machine (libcuda.so.1 was not found); CUDA needs an NVIDIA GPU and its "
                    + "driver";
            return 0;
        } catch (Throwable e) {
            reason = "the NVIDIA driver did not start: " + firstLine(String.valueOf(e.getMessage()));
            return 0;
        }
    }

    /** Whether libcuda.so.1 is where the dynamic linker looks (LD_LIBRARY_PATH and the usual folders). */
    private static boolean driverFound() {
        java.util.List<String> dirs = new java.util.ArrayList<>();
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) {
            dirs.addAll(java.util.Arrays.asList(ld.split(":")));
        }
        dirs.addAll(java.util.List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib", "/lib/x86_64-linux-gnu",
            "/usr/local/nvidia/lib64", "/usr/lib/wsl/lib"));
        for (String d : dirs) {
            if (!d.isEmpty() && java.nio.file.Files.exists(java.nio.file.Path.of(d, "libcuda.so.1"))) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The context (module, allocator) of device {@code i}, created on first use. */
    public static CudaContext context(int i) {
        if (i < 0 || i >= deviceCount()) {
            throw new IllegalStateException("no CUDA device cuda:" + i + " here"
                + (deviceCount() == 0 ? ": " + unavailableReason() : " (" + deviceCount() + " devices)"));
        }
        synchronized (LOCK) {
            if (CONTEXTS[i] == null) {
                CONTEXTS[i] = new CudaContext(i);
            }
            return CONTEXTS[i];
        }
    }

    /** Waits until device {@code i} has finished every queued kernel (torch.cuda.synchronize()). */
    public static void synchronize(int i) {
        context(i).synchronize();
    }

    /** Bytes held by live tensors on device i (torch.cuda.memory_allocated()). */
    public static long memoryAllocated(int i) {
        return context(i).allocator().allocatedBytes();
    }

    /** Bytes the caching allocator holds from the driver, in use or cached (torch.cuda.memory_reserved()). */
    public static long memoryReserved(int i) {
        return context(i).allocator().reservedBytes();
    }

    /**
     * Uses cuBLAS for float matmul when it loads (the default), or always our own kernels;
     * the benchmark turns it off to measure our SGEMM against cuBLAS.
     */
    public static void setCublasEnabled(boolean on) {
        Cublas.setEnabled(on);
    }

    /** Whether float matmul on device i goes through cuBLAS, and if not, why (empty when it does). */
    public static String cublasStatus(int i) {
        CudaContext c = context(i);
        return Cublas.active(c) ? "" : Cublas.reason(c);
    }

    /** Returns cached, unused blocks to the driver (torch.cuda.empty_cache()). */
    public static void emptyCache(int i) {
        context(i).allocator().emptyCache();
    }
}
