package org.workbook.backend.cuda;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jcuda.Pointer;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasOperation;

/**
 * cuBLAS as an optional fast path for float32/float64 matrix products. cuBLAS is not
 * part of the NVIDIA driver, so it is used only when libcublas.so.12 is found (the
 * CUDA toolkit's lib64, a PyTorch install's nvidia/cublas/lib, LD_LIBRARY_PATH, or the
 * folder in WORKBOOK_CUBLAS_DIR) and loads; otherwise our own tiled kernels do the work.
 * TF32 stays off (cuBLAS's default math mode), so results are full float32 products.
 * {@link Cuda#setCublasEnabled} turns it off, e.g. to measure our SGEMM.
 */
final class Cublas {
    private static volatile boolean enabled = !"off".equalsIgnoreCase(System.getProperty("workbook.cublas", ""));
    private static volatile Boolean loaded;
    private static String reason = "";
    private static cublasHandle handle;

    private Cublas() {
    }

    static void setEnabled(boolean on) {
        enabled = on;
    }

    /** Whether matmul goes through cuBLAS now (enabled and loadable). */
    static boolean active(CudaContext context) {
        return enabled && load(context);
    }

    /** Why cuBLAS is not in use (empty when it is). */
    static String reason(CudaContext context) {
        if (!enabled) {
            return "switched off";
        }
        load(context);
        return reason;
    }

    private static synchronized boolean load(CudaContext context) {
        if (loaded != null) {
            return loaded;
        }
        Path dir = find();
        if (dir == null) {
            reason = "libcublas.so.12 not found (set WORKBOOK_CUBLAS_DIR to its folder to use it)";
            loaded = false;
            return false;
        }
        try {
            // Loaded by absolute path first, so JCublas's own library finds them by soname.
            Path lt = dir.resolve("libcublasLt.so.12");
            if (Files.exists(lt)) {
                System.load(lt.toString());
            }
            System.load(dir.resolve("libcublas.so.12").toString());
            JCublas2.setExceptionsEnabled(true);
            context.makeCurrent();
            handle = new cublasHandle();
            JCublas2.cublasCreate(handle);
            loaded = true;
        } catch (Throwable e) {
            reason = "cuBLAS in " + dir + " did not load: " + e.getMessage();
            loaded = false;
        }
        return loaded;
    }

    private static Path find() {
        List<Path> dirs = new ArrayList<>();
        String env = System.getenv("WORKBOOK_CUBLAS_DIR");
        if (env != null && !env.isBlank()) {
            dirs.add(Path.of(env));
        }
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) {
            for (String d : ld.split(":")) {
                if (!d.isEmpty()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        dirs.add(Path.of("/usr/local/cuda/lib64"));
        dirs.add(Path.of("/usr/lib/x86_64-linux-gnu"));
        for (String root : new String[] {"/usr/local/lib", "/usr/lib", System.getProperty("user.home") + "/.local/lib"}) {
            addSitePackages(Path.of(root), dirs);
        }
        for (Path d : dirs) {
            if (Files.exists(d.resolve("libcublas.so.12"))) {
                return d;
            }
        }
        return null;
    }

    /** root/python3.X/{site,dist}-packages/nvidia/cublas/lib, where pip puts PyTorch's cuBLAS. */
    private static void addSitePackages(Path root, List<Path> dirs) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> pys = Files.newDirectoryStream(root, "python3*")) {
            for (Path py : pys) {
                dirs.add(py.resolve("site-packages/nvidia/cublas/lib"));
                dirs.add(py.resolve("dist-packages/nvidia/cublas/lib"));
            }
        } catch (IOException e) {
            // an unreadable folder just holds no cuBLAS
        }
    }

    /**
     * Row-major C (m x n) = op(A) @ op(B) as cuBLAS's column-major C^T = op(B)^T op(A)^T:
     * the same memory read the other way round, so no copies are needed.
     */
    static void gemm(boolean dbl, int m, int n, int k, long a, boolean transA, long b, boolean transB, long c) {
        int opA = transA ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N;
        int opB = transB ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N;
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        if (dbl) {
            JCublas2.cublasDgemm(handle, opB, opA, n, m, k, Pointer.to(new double[] {1}), DevicePointers.at(b), ldb,
                DevicePointers.at(a), lda, Pointer.to(new double[] {0}), DevicePointers.at(c), n);
        } else {
            JCublas2.cublasSgemm(handle, opB, opA, n, m, k, Pointer.to(new float[] {1}), DevicePointers.at(b), ldb,
                DevicePointers.at(a), lda, Pointer.to(new float[] {0}), DevicePointers.at(c), n);
        }
    }
}
