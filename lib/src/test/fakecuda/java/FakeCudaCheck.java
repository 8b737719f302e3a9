import static jcuda.driver.JCudaDriver.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;

/**
 * Checks the fake libcuda (build/fakecuda/libcuda.so.1) through the real JCuda JNI library,
 * the way org.workbook.backend.cuda uses it: device queries, memory, every committed PTX
 * module and its kernels, launches of fill_f32 and unary_f32 with WbShape/WbStrides passed
 * as int[9], the driver's error codes, and the two JCuda idioms the backend relies on for raw
 * device addresses (a CUdeviceptr subclass reading getNativePointer(), and a null CUdeviceptr
 * shifted by withByteOffset(address)). Run by scripts/test-fakecuda.sh (not part of the Maven
 * build); exits with the number of failed checks.
 *
 * <p>usage: java -cp jcuda.jar:jcuda-natives.jar:. FakeCudaCheck PTX...
 */
public final class FakeCudaCheck {
    private static int failures;
    private static int checks;

    /** Reads the address JCuda keeps inside a CUdeviceptr (protected in NativePointerObject). */
    static final class Allocated extends CUdeviceptr {
        long address() {
            return getNativePointer();
        }
    }

    private static final CUdeviceptr NULL = new CUdeviceptr();

    /** A CUdeviceptr for a raw address: the null pointer shifted by the address. */
    static CUdeviceptr at(long address) {
        return NULL.withByteOffset(address);
    }

    static void check(boolean ok, String what) {
        checks++;
        if (!ok) {
            failures++;
            System.out.println("FAIL " + what);
        }
    }

    static void expect(int want, int got, String call) {
        check(got == want, call + ": want " + CUresult.stringFor(want) + ", got " + CUresult.stringFor(got));
    }

    static void ok(int got, String call) {
        expect(CUresult.CUDA_SUCCESS, got, call);
    }

    static int[] contiguous(int n) {
        return struct9(1, n);
    }

    /** WbShape / WbStrides as the host writes them: {ndim or off, 8 sizes or strides}. */
    static int[] struct9(int first, int... rest) {
        int[] s = new int[9];
        s[0] = first;
        System.arraycopy(rest, 0, s, 1, rest.length);
        return s;
    }

    static Allocated alloc(long bytes) {
        Allocated p = new Allocated();
        ok(cuMemAlloc(p, bytes), "cuMemAlloc(" + bytes + ")");
        return p;
    }

    static float[] download(CUdeviceptr p, int n) {
        float[] out = new float[n];
        ok(cuMemcpyDtoH(Pointer.to(out), p, 4L * n), "cuMemcpyDtoH");
        return out;
    }

    /** fill_f32(int n, WbShape s, WbStrides o, float* y, double v), one 1-D launch. */
    static int fill(CUfunction f, int n, int[] shape, int[] strides, Pointer y, double v, int blockSize) {
        Pointer params = Pointer.to(Pointer.to(new int[] {n}), Pointer.to(shape), Pointer.to(strides), y,
                Pointer.to(new double[] {v}));
        int grid = Math.max(1, Math.min((n + blockSize - 1) / blockSize, 1024));
        return cuLaunchKernel(f, grid, 1, 1, blockSize, 1, 1, 0, null, params, null);
    }

    static List<String> entries(String ptx) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\\.entry\\s+([\\w$]+)\\s*\\(").matcher(ptx);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    public static void main(String[] args) throws Exception {
        // 1. The device, as Cuda.probe() asks for it.
        ok(cuInit(0), "cuInit");
        int[] v = new int[1];
        ok(cuDriverGetVersion(v), "cuDriverGetVersion");
        check(v[0] == 12060, "driver version 12060, got " + v[0]);
        ok(cuDeviceGetCount(v), "cuDeviceGetCount");
        check(v[0] == 1, "one device, got " + v[0]);
        CUdevice dev = new CUdevice();
        ok(cuDeviceGet(dev, 0), "cuDeviceGet");
        expect(CUresult.CUDA_ERROR_INVALID_DEVICE, cuDeviceGet(new CUdevice(), 1), "cuDeviceGet(1)");
        byte[] name = new byte[256];
        ok(cuDeviceGetName(name, name.length, dev), "cuDeviceGetName");
        String devName = new String(name, StandardCharsets.US_ASCII).trim().replace("\0", "");
        check(devName.equals("Workbook CUDA emulator (CPU)"), "the fake answers, not a real driver: " + devName);
        ok(cuDeviceGetAttribute(v, 75, dev), "compute capability major");
        check(v[0] == 9, "compute capability 9.x");
        long[] total = new long[1], free = new long[1];
        ok(cuDeviceTotalMem(total, dev), "cuDeviceTotalMem");
        expect(CUresult.CUDA_ERROR_INVALID_CONTEXT, cuMemGetInfo(free, total), "cuMemGetInfo before a context");
        CUcontext ctx = new CUcontext();
        ok(cuDevicePrimaryCtxRetain(ctx, dev), "cuDevicePrimaryCtxRetain");
        ok(cuCtxSetCurrent(ctx), "cuCtxSetCurrent");
        ok(cuMemGetInfo(free, total), "cuMemGetInfo");
        check(free[0] == total[0] && total[0] > 0, "all memory free at first: " + free[0] + " of " + total[0]);

        // 2. Every committed module loads, and every entry is a function.
        Map<String, CUfunction> functions = new LinkedHashMap<>();
        for (String file : args) {
            String text = Files.readString(Path.of(file), StandardCharsets.US_ASCII);
            byte[] image = (text + "\0").getBytes(StandardCharsets.US_ASCII);  // the driver reads to NUL
            CUmodule module = new CUmodule();
            ok(cuModuleLoadData(module, image), "cuModuleLoadData(" + file + ")");
            CUmodule viaString = new CUmodule();
            ok(cuModuleLoadData(viaString, text), "cuModuleLoadData(String " + file + ")");
            ok(cuModuleUnload(viaString), "cuModuleUnload");
            for (String entry : entries(text)) {
                CUfunction f = new CUfunction();
                ok(cuModuleGetFunction(f, module, entry), "cuModuleGetFunction(" + entry + ")");
                functions.put(entry, f);
            }
            expect(CUresult.CUDA_ERROR_NOT_FOUND, cuModuleGetFunction(new CUfunction(), module, "no_such_kernel"),
                    "cuModuleGetFunction(no_such_kernel)");
        }
        check(functions.containsKey("fill_f32") && functions.containsKey("unary_f32"),
                "fill_f32 and unary_f32 are among the " + functions.size() + " kernels");
        String alien = ".version 8.0\n.target sm_70\n.address_size 64\n"
                + ".visible .entry no_such_kernel(\n.param .u32 p0\n)\n{\nret;\n}\n";
        System.out.println("(one '[fakecuda] ... no_such_kernel ... has no emulated kernel' line is expected next)");
        expect(CUresult.CUDA_ERROR_NOT_FOUND, cuModuleLoadData(new CUmodule(), alien + "\0"),
                "cuModuleLoadData of an entry the fake does not know");
        String fillPtx = "";
        for (String file : args) {
            String text = Files.readString(Path.of(file), StandardCharsets.US_ASCII);
            fillPtx = text.contains(".entry fill_f32(") ? text : fillPtx;
        }
        System.out.println("(one '[fakecuda] ... fill_f32 ... has other parameters' line is expected next)");
        expect(CUresult.CUDA_ERROR_NOT_FOUND, cuModuleLoadData(new CUmodule(),
                fillPtx.replace(".param .f64 fill_f32_param_4", ".param .f32 fill_f32_param_4")),
                "cuModuleLoadData of fill_f32 with other parameters than the fake was built from");
        System.out.println("(one '[fakecuda] ... PTX ISA 8.7 ...' line is expected next)");
        expect(CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION, cuModuleLoadData(new CUmodule(),
                fillPtx.replaceFirst("\\.version \\d+\\.\\d+", ".version 8.7")), "PTX ISA 8.7 on a CUDA 12.6 driver");
        System.out.println("(one '[fakecuda] ... binary image ...' line is expected next)");
        expect(CUresult.CUDA_ERROR_INVALID_IMAGE, cuModuleLoadData(new CUmodule(), new byte[] {0x7f, 'E', 'L', 'F', 0}),
                "cuModuleLoadData of a cubin");
        CUfunction fill = functions.get("fill_f32"), unary = functions.get("unary_f32");

        // 3. Raw addresses, the backend's DevicePointers idioms.
        int n = 1000;
        Allocated a = alloc(4L * n);
        long addr = a.address();
        check(addr != 0 && addr % 256 == 0, "getNativePointer() of an allocation is its 256-aligned address: " + addr);
        CUdeviceptr base = new CUdeviceptr();
        long[] size = new long[1];
        ok(cuMemGetAddressRange(base, size, at(addr + 40)), "cuMemGetAddressRange(at(addr + 40))");
        check(size[0] >= 4L * n, "the allocation's size comes back: " + size[0]);
        float[] host = new float[n];
        for (int i = 0; i < n; i++) {
            host[i] = i * 0.5f;
        }
        ok(cuMemcpyHtoD(at(addr), Pointer.to(host), 4L * n), "cuMemcpyHtoD(at(addr))");
        check(download(a, n)[999] == 499.5f, "HtoD through null.withByteOffset(addr) lands at addr");
        ok(cuMemcpyHtoD(at(addr + 64), Pointer.to(new float[] {-1, -2}), 8), "cuMemcpyHtoD(at(addr + 64))");
        float[] back = download(at(addr), n);
        check(back[16] == -1 && back[17] == -2 && back[15] == 7.5f && back[18] == 9f,
                "HtoD/DtoH through at(addr + 64) honour the byte offset: " + back[15] + " " + back[16] + " " + back[18]);
        ok(cuMemcpyHtoD(a.withByteOffset(8), Pointer.to(new float[] {-3}), 4), "HtoD(allocated.withByteOffset(8))");
        check(download(a, 3)[2] == -3, "an allocated CUdeviceptr's withByteOffset is honoured too");
        // Kernel parameters: the address as a plain long, and as a CUdeviceptr with an offset.
        int[] contiguous = struct9(1, n), unit = struct9(0, 1);
        ok(fill(fill, n, contiguous, unit, Pointer.to(new long[] {addr}), 2.5, 256), "fill_f32(Pointer.to(long[]))");
        back = download(a, n);
        check(back[0] == 2.5f && back[n - 1] == 2.5f, "fill_f32 with y = Pointer.to(new long[]{addr})");
        ok(fill(fill, 4, struct9(1, 4), unit, Pointer.to(a.withByteOffset(16)), 7, 256), "fill_f32(allocated+16)");
        back = download(a, 8);
        boolean offsetParams = back[3] == 2.5f && back[4] == 7f && back[7] == 7f;
        check(offsetParams, "a kernel parameter Pointer.to(cudeviceptr.withByteOffset(16)) points 16 bytes in");
        if (offsetParams) {  // only now is a null base safe to try (else the kernel would write at 0)
            ok(fill(fill, 2, struct9(1, 2), unit, Pointer.to(at(addr + 40)), 9, 256), "fill_f32(at(addr + 40))");
            back = download(a, 13);
            check(back[9] == 2.5f && back[10] == 9f && back[11] == 9f && back[12] == 2.5f,
                    "a kernel parameter Pointer.to(null.withByteOffset(addr + 40)) points at addr + 40");
        }

        // 4. The kernels compute: strided fill, unary ops against Java's Math.
        Allocated y = alloc(4L * 64);
        ok(fill(fill, 64, contiguous(64), unit, Pointer.to(y), 0, 256), "fill_f32 zero");
        // shape [3, 4] written with strides (8, 2) from offset 1: elements at 1 + 8r + 2c
        ok(fill(fill, 12, struct9(2, 3, 4), struct9(1, 8, 2), Pointer.to(y), 1.5, 32), "fill_f32 strided");
        back = download(y, 64);
        int ones = 0;
        for (int i = 0; i < 64; i++) {
            boolean hit = i >= 1 && (i - 1) % 2 == 0 && (i - 1) / 8 < 3 && (i - 1) % 8 / 2 < 4;
            ones += back[i] == 1.5f ? 1 : 0;
            check(back[i] == (hit ? 1.5f : 0f), "strided fill at " + i + ": " + back[i]);
        }
        check(ones == 12, "strided fill wrote 12 elements, wrote " + ones);
        Allocated x = alloc(4L * n);
        for (int i = 0; i < n; i++) {
            host[i] = (i - 500) / 97f;
        }
        ok(cuMemcpyHtoD(x, Pointer.to(host), 4L * n), "cuMemcpyHtoD x");
        int[][] ops = {{0}, {2}, {5}, {6}, {7}};  // NEG EXP SIGMOID RELU TANH (UnaryOp ordinals)
        for (int[] op : ops) {
            Pointer p = Pointer.to(Pointer.to(new int[] {n}), Pointer.to(contiguous), Pointer.to(unit),
                    Pointer.to(unit), Pointer.to(x), Pointer.to(a), Pointer.to(new int[] {op[0]}),
                    Pointer.to(new double[] {0}), Pointer.to(new double[] {0}));
            ok(cuLaunchKernel(unary, 4, 1, 1, 256, 1, 1, 0, null, p, null), "unary_f32 op " + op[0]);
            back = download(a, n);
            double worst = 0;
            for (int i = 0; i < n; i++) {
                double xi = host[i], want = switch (op[0]) {
                    case 0 -> -xi;
                    case 2 -> Math.exp(xi);
                    case 5 -> 1 / (1 + Math.exp(-xi));
                    case 6 -> Math.max(xi, 0);
                    default -> Math.tanh(xi);
                };
                worst = Math.max(worst, Math.abs(back[i] - want) / Math.max(1, Math.abs(want)));
            }
            check(worst < 1e-6, "unary_f32 op " + op[0] + " within 1e-6 of Java's Math, worst " + worst);
        }

        // 4b. A kernel with __syncthreads (the fiber path), when the reductions are compiled in.
        CUfunction reduce = functions.get("reduce_f32");
        if (reduce != null) {
            int outer = 37, inner = 1000;
            Allocated m = alloc(4L * outer * inner), r = alloc(4L * outer);
            float[] mh = new float[outer * inner];
            for (int i = 0; i < mh.length; i++) {
                mh[i] = (float) Math.sin(i * 0.37) * (i % 7);
            }
            ok(cuMemcpyHtoD(m, Pointer.to(mh), 4L * mh.length), "cuMemcpyHtoD matrix");
            for (int op : new int[] {0, 3}) {  // SUM, MAX over each row of [37, 1000]
                Pointer p = Pointer.to(Pointer.to(new int[] {outer}), Pointer.to(new int[] {inner}),
                        Pointer.to(struct9(1, outer)), Pointer.to(struct9(0, inner)), Pointer.to(struct9(1, inner)),
                        Pointer.to(struct9(0, 1)), Pointer.to(m), Pointer.to(r), Pointer.to(new int[] {op}));
                ok(cuLaunchKernel(reduce, outer, 1, 1, 256, 1, 1, 0, null, p, null), "reduce_f32 op " + op);
                float[] got = download(r, outer);
                for (int j = 0; j < outer; j++) {
                    double want = op == 0 ? 0 : Double.NEGATIVE_INFINITY;
                    for (int i = 0; i < inner; i++) {
                        want = op == 0 ? want + mh[j * inner + i] : Math.max(want, mh[j * inner + i]);
                    }
                    check(Math.abs(got[j] - (float) want) <= 1e-6 * Math.max(1, Math.abs(want)),
                            "reduce_f32 op " + op + " row " + j + ": " + got[j] + " vs " + want);
                }
            }
            Pointer p = Pointer.to(Pointer.to(new int[] {64}), Pointer.to(new int[] {100}),
                    Pointer.to(struct9(1, 64)), Pointer.to(struct9(0, 100)), Pointer.to(struct9(1, 100)),
                    Pointer.to(struct9(0, 1)), Pointer.to(m), Pointer.to(r), Pointer.to(new int[] {0}));
            long t0 = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                cuLaunchKernel(reduce, 64, 1, 1, 256, 1, 1, 0, null, p, null);
            }
            ok(cuCtxSynchronize(), "cuCtxSynchronize after reductions");
            System.out.printf("50 launches of reduce_f32 over [64, 100] (64 blocks of 256 threads): %.2f ms each%n",
                    (System.nanoTime() - t0) / 1e6 / 50);
        }

        // 4c. The tiled sgemm (shared memory, two barriers per k-tile), ragged edges, a batch of 2.
        CUfunction sgemm = functions.get("sgemm_f32");
        if (sgemm != null) {
            int m = 70, nn = 130, k = 45, batch = 2;
            float[] ah = new float[batch * m * k], bh = new float[batch * k * nn];
            for (int i = 0; i < ah.length; i++) {
                ah[i] = (float) Math.cos(i * 0.11);
            }
            for (int i = 0; i < bh.length; i++) {
                bh[i] = (float) Math.sin(i * 0.07);
            }
            Allocated ad = alloc(4L * ah.length), bd = alloc(4L * bh.length), cd = alloc(4L * batch * m * nn);
            ok(cuMemcpyHtoD(ad, Pointer.to(ah), 4L * ah.length), "HtoD A");
            ok(cuMemcpyHtoD(bd, Pointer.to(bh), 4L * bh.length), "HtoD B");
            Pointer p = Pointer.to(Pointer.to(new int[] {m}), Pointer.to(new int[] {nn}), Pointer.to(new int[] {k}),
                    Pointer.to(ad), Pointer.to(new long[] {(long) m * k}), Pointer.to(bd),
                    Pointer.to(new long[] {(long) k * nn}), Pointer.to(cd), Pointer.to(new long[] {(long) m * nn}),
                    Pointer.to(new int[] {0}), Pointer.to(new int[] {0}));
            long t0 = System.nanoTime();
            ok(cuLaunchKernel(sgemm, (nn + 127) / 128, (m + 127) / 128, batch, 256, 1, 1, 0, null, p, null), "sgemm_f32");
            double ms = (System.nanoTime() - t0) / 1e6;
            float[] ch = download(cd, batch * m * nn);
            double worst = 0;
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < nn; j++) {
                        double want = 0;
                        for (int l = 0; l < k; l++) {
                            want += (double) ah[b * m * k + i * k + l] * bh[b * k * nn + l * nn + j];
                        }
                        worst = Math.max(worst, Math.abs(ch[b * m * nn + i * nn + j] - want));
                    }
                }
            }
            check(worst < 1e-4, "sgemm_f32 [2 x 70 x 45] @ [2 x 45 x 130] within 1e-4, worst " + worst);
            System.out.printf("sgemm_f32 of [2 x 70 x 45] @ [2 x 45 x 130]: %.1f ms%n", ms);
            int[] maxThreads = new int[1];
            ok(cuFuncGetAttribute(maxThreads, 0, sgemm), "cuFuncGetAttribute(MAX_THREADS_PER_BLOCK)");
            check(maxThreads[0] == 256, "sgemm_f32's __launch_bounds__(256) comes through: " + maxThreads[0]);
            expect(CUresult.CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES,
                    cuLaunchKernel(sgemm, 1, 1, 1, 512, 1, 1, 0, null, p, null), "sgemm_f32 with 512 threads");
        }

        // 5. The driver's answers to bad input.
        expect(CUresult.CUDA_ERROR_INVALID_VALUE, cuMemFree(at(addr + 8)), "cuMemFree of an interior pointer");
        expect(CUresult.CUDA_ERROR_INVALID_VALUE, cuMemcpyDtoH(Pointer.to(new float[2000]), a, 8000),
                "DtoH past the end of an allocation");
        expect(CUresult.CUDA_ERROR_OUT_OF_MEMORY, cuMemAlloc(new CUdeviceptr(), total[0] + 1), "cuMemAlloc over the limit");
        expect(CUresult.CUDA_ERROR_INVALID_VALUE, fill(fill, 4, struct9(1, 4), unit, Pointer.to(a), 1, 2048),
                "a launch of 2048 threads per block");
        String[] errName = new String[1];
        ok(cuGetErrorName(CUresult.CUDA_ERROR_OUT_OF_MEMORY, errName), "cuGetErrorName");
        check("CUDA_ERROR_OUT_OF_MEMORY".equals(errName[0]), "cuGetErrorName(2): " + errName[0]);
        AtomicInteger noContext = new AtomicInteger();
        Thread t = new Thread(() -> noContext.set(cuMemAlloc(new CUdeviceptr(), 16)));
        t.start();
        t.join();
        expect(CUresult.CUDA_ERROR_INVALID_CONTEXT, noContext.get(), "cuMemAlloc on a thread without a context");

        // 6. Several JVM threads at once, each with the context current.
        AtomicInteger bad = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            final int id = k;
            threads.add(new Thread(() -> {
                cuCtxSetCurrent(ctx);
                for (int r = 0; r < 100; r++) {
                    Allocated p = new Allocated();
                    if (cuMemAlloc(p, 4 * 300) != 0 || fill(fill, 300, contiguous(300), struct9(0, 1),
                            Pointer.to(p), id + r, 64) != 0) {
                        bad.incrementAndGet();
                        continue;
                    }
                    float[] got = new float[300];
                    cuMemcpyDtoH(Pointer.to(got), p, 1200);
                    if (got[0] != id + r || got[299] != id + r || cuMemFree(p) != 0) {
                        bad.incrementAndGet();
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread th : threads) {
            th.join();
        }
        check(bad.get() == 0, "4 threads x 100 alloc/fill/copy/free rounds, " + bad.get() + " went wrong");

        // 7. Cost of a small launch (information, not a check).
        long start = System.nanoTime();
        int launches = 2000;
        for (int i = 0; i < launches; i++) {
            fill(fill, 1024, contiguous(1024), unit, Pointer.to(a), i, 256);
        }
        ok(cuCtxSynchronize(), "cuCtxSynchronize");
        System.out.printf("%d launches of fill_f32 over 1024 floats: %.1f us each%n", launches,
                (System.nanoTime() - start) / 1e3 / launches);

        // 8. A fault inside a kernel sticks to the context until it is reset, as on a GPU.
        Allocated gone = alloc(64);
        long goneAddr = gone.address();
        ok(cuMemFree(gone), "cuMemFree");
        System.out.println("(one '[fakecuda] illegal address ...' line is expected next)");
        ok(fill(fill, 4, struct9(1, 4), unit, Pointer.to(new long[] {goneAddr}), 1, 256),
                "a launch on freed memory returns at once");
        expect(CUresult.CUDA_ERROR_ILLEGAL_ADDRESS, cuCtxSynchronize(), "cuCtxSynchronize after the fault");
        expect(CUresult.CUDA_ERROR_ILLEGAL_ADDRESS, cuMemAlloc(new CUdeviceptr(), 16), "cuMemAlloc after the fault");
        ok(cuDevicePrimaryCtxReset(dev), "cuDevicePrimaryCtxReset");
        ok(cuCtxSynchronize(), "cuCtxSynchronize after the reset");

        System.out.println(failures == 0 ? "fake libcuda: all " + checks + " checks passed"
                : "fake libcuda: " + failures + " of " + checks + " checks FAILED");
        System.exit(Math.min(failures, 100));
    }
}
