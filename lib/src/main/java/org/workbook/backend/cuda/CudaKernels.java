package org.workbook.backend.cuda;

import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jcuda.Pointer;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.CudaException;

/**
 * The kernels of lib/src/main/cuda, loaded from the PTX committed next to this class
 * (the driver compiles PTX for whatever GPU it finds, so users need no CUDA toolkit).
 * Functions are found by their extern "C" names and cached.
 */
final class CudaKernels {
    static final String RESOURCES = "/org/workbook/backend/cuda/";
    static final int BLOCK = 256;
    /** Enough blocks to fill any current GPU; grid-stride loops cover the rest. */
    static final int MAX_BLOCKS = 65535;

    private final CudaContext context;
    private final List<CUmodule> modules = new ArrayList<>();
    private final Map<String, CUfunction> functions = new HashMap<>();

    CudaKernels(CudaContext context) {
        this.context = context;
        for (String file : list()) {
            CUmodule m = new CUmodule();
            String ptx = resource(file);
            try {
                cuModuleLoadData(m, ptx);
            } catch (CudaException e) {
                throw new IllegalStateException("the GPU driver could not load " + file + " (" + e.getMessage()
                    + "): the driver may be older than the PTX needs (CUDA 12); update the NVIDIA driver", e);
            }
            modules.add(m);
        }
    }

    static List<String> list() {
        List<String> out = new ArrayList<>();
        for (String line : resource("kernels.list").split("\n")) {
            String t = line.trim();
            if (!t.isEmpty() && !t.startsWith("#")) {
                out.add(t);
            }
        }
        return out;
    }

    static String resource(String name) {
        try (InputStream in = CudaKernels.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCES + name + " in the workbook-lib jar; "
                    + "rebuild with scripts/dev/build-ptx.sh and mvn package");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCES + name + ": " + e.getMessage(), e);
        }
    }

    synchronized CUfunction function(String name) {
        CUfunction f = functions.get(name);
        if (f != null) {
            return f;
        }
        for (CUmodule m : modules) {
            CUfunction g = new CUfunction();
            try {
                cuModuleGetFunction(g, m, name);
                functions.put(name, g);
                return g;
            } catch (CudaException e) {
                // not in this module; try the next
            }
        }
        throw new IllegalStateException("no CUDA kernel named " + name + " in the committed PTX ("
            + String.join(", ", list()) + ")");
    }

    /** Launches {@code name} over n elements: 256-thread blocks, as many as needed up to MAX_BLOCKS. */
    void launch1d(String name, long n, KernelArgs args) {
        if (n <= 0) {
            return;
        }
        int blocks = (int) Math.min(MAX_BLOCKS, (n + BLOCK - 1) / BLOCK);
        launch(name, blocks, 1, 1, BLOCK, 1, 1, 0, args);
    }

    void launch(String name, int gx, int gy, int gz, int bx, int by, int bz, int sharedBytes, KernelArgs args) {
        if (gx <= 0 || gy <= 0 || gz <= 0) {
            return;
        }
        context.makeCurrent();
        cuLaunchKernel(function(name), gx, gy, gz, bx, by, bz, sharedBytes, null, args.pointer(), null);
    }
}
