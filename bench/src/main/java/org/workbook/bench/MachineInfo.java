package org.workbook.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.workbook.backend.cpu.Gemm;
import org.workbook.backend.cpu.Parallel;

/** The machine and the Java side's setup, recorded with every result so figures can be compared later. */
final class MachineInfo {
    private MachineInfo() { }

    /** The hardware and OS: what "the machine" in a result file means. */
    static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", host());
        m.put("cpu", cpuinfo("model name"));
        m.put("cpu_family_model", cpuinfo("cpu family") + "/" + cpuinfo("model"));
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        List<String> flags = List.of(cpuinfo("flags").split(" "));
        m.put("avx2", flags.contains("avx2"));
        m.put("avx512f", flags.contains("avx512f"));
        m.put("hypervisor", flags.contains("hypervisor"));
        m.put("memory_gib", Math.round(memTotalKib() / 1048576.0 * 10) / 10.0);
        m.put("os", System.getProperty("os.name") + " " + readFirst("/proc/sys/kernel/osrelease"));
        return m;
    }

    /** The JVM, its flags, our thread settings and the BLAS the process really loaded. */
    static Map<String, Object> javaSide() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("jvm_args", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        m.put("gc", ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList());
        m.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
        m.put("workbook_threads", Parallel.getNumThreads());
        m.put("OPENBLAS_NUM_THREADS", String.valueOf(System.getenv("OPENBLAS_NUM_THREADS")));
        m.put("gemm", Gemm.describe());
        m.put("kernels", org.workbook.backend.cpu.Simd.describe());
        m.put("blas_libraries", blasLibraries());
        return m;
    }

    /** Shared libraries mapped into this process whose name mentions blas (call after a first matmul). */
    static List<String> blasLibraries() {
        TreeSet<String> libs = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int slash = line.indexOf('/');
                if (slash >= 0 && line.toLowerCase().contains("blas")) {
                    // netlib unpacks its JNI shim under a random temporary name: keep results diffable.
                    libs.add(line.substring(slash).trim().replaceAll("^.*/(libnetlibblasjni\\.so)\\d*$",
                        "$1 (netlib's JNI shim)"));
                }
            }
        } catch (IOException e) {
            libs.add("(unknown: /proc/self/maps unreadable)");
        }
        return List.copyOf(libs);
    }

    static boolean usesOpenBlas(List<String> libs) {
        return libs.stream().anyMatch(l -> l.toLowerCase().contains("openblas"));
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuinfo(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux: fall through
        }
        return key.equals("flags") ? "" : System.getProperty("os.arch");
    }

    private static long memTotalKib() {
        for (String line : readLines("/proc/meminfo")) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return Runtime.getRuntime().maxMemory() >> 10;
    }

    private static String readFirst(String path) {
        List<String> l = readLines(path);
        return l.isEmpty() ? "" : l.get(0).trim();
    }

    private static List<String> readLines(String path) {
        try {
            return Files.readAllLines(Path.of(path));
        } catch (IOException e) {
            return List.of();
        }
    }
}
