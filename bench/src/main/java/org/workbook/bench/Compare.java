package org.workbook.bench;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.workbook.backend.cpu.Parallel;
import org.workbook.backend.cuda.Cuda;
import org.workbook.tensor.Device;
import org.workbook.tensor.Tensors;

/**
 * Our side of bench/compare: times every case of {@link CaseGroups} with
 * {@link Timing} (the method compare_torch.py uses for PyTorch), single-threaded and then
 * with both sides on {@link #THREADS} threads, prints ours, torch's, the ratios and the issue's
 * target (single-threaded) per case, and writes
 * the run to JSON and Markdown. Run it through bench/compare, which measures
 * PyTorch first and passes its results in with --torch.
 *
 * <pre>
 * java -cp ... org.workbook.bench.Compare [--quick] [--device cpu|cuda] [--torch FILE | --no-torch WHY]
 *     [--only ID,ID] [--out DIR] [--no-threads]
 * </pre>
 * {@code --device cuda} runs {@link CudaCases} on the GPU instead (torch's side on 'cuda');
 * {@code --gpu-status} prints our GPU or why there is none (exit 0 / 2); {@code --tiny}
 * runs each GPU case once at a tiny size, a code-path check without torch or timing method.
 */
public final class Compare {
    /** The threads of the second column (ours and torch both), beside the single-threaded one. */
    static final int THREADS = 2;

    private Compare() { }

    record Options(boolean quick, Path torch, String python, Path script, String noTorch, Set<String> only, Path out,
                   boolean list, boolean strict, String lib, boolean cuda, boolean tiny, boolean gpuStatus,
                   boolean threadsColumn) {
        static Options parse(String[] args) {
            boolean quick = false;
            boolean list = false;
            boolean strict = false;
            boolean cuda = false;
            boolean tiny = false;
            boolean gpuStatus = false;
            boolean threadsColumn = true;
            Path torch = null;
            String python = null;
            Path script = Path.of("bench/compare_torch.py");
            String noTorch = null;
            Set<String> only = null;
            Path out = null;
            String lib = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--quick" -> quick = true;
                    case "--list" -> list = true;
                    case "--strict" -> strict = true;
                    case "--torch" -> torch = Path.of(value(args, ++i, a));
                    case "--torch-python" -> python = value(args, ++i, a);
                    case "--torch-script" -> script = Path.of(value(args, ++i, a));
                    case "--no-torch" -> noTorch = value(args, ++i, a);
                    case "--only" -> only = Set.of(value(args, ++i, a).split(","));
                    case "--out" -> out = Path.of(value(args, ++i, a));
                    case "--lib" -> lib = value(args, ++i, a);
                    case "--device" -> cuda = device(value(args, ++i, a));
                    case "--tiny" -> tiny = true;
                    case "--gpu-status" -> gpuStatus = true;
                    case "--no-threads" -> threadsColumn = false;
                    default -> throw new IllegalArgumentException("unknown option '" + a + "'. Options: --quick, "
                        + "--device cpu|cuda, --torch-python PYTHON [--torch-script FILE], --torch FILE, --no-torch WHY, "
                        + "--only ID,ID, --out DIR, --lib JAR, --list, --strict, --no-threads");
                }
            }
            if (tiny && !cuda) {
                throw new IllegalArgumentException("--tiny is a code-path check of the GPU cases: use it with --device cuda");
            }
            if (tiny) {
                noTorch = "--tiny runs our side only";
                torch = null;
                python = null;
            }
            if (torch == null && python == null && noTorch == null) {
                noTorch = "no PyTorch side given (--torch-python PYTHON or --torch FILE)";
            }
            return new Options(quick, torch, python, script, noTorch, only, out, list, strict, lib, cuda, tiny,
                gpuStatus, threadsColumn);
        }

        /** true for cuda: the cases run on the first GPU; cpu is the default suite. */
        private static boolean device(String d) {
            return switch (d.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "cpu" -> false;
                case "cuda", "cuda:0" -> true;
                default -> throw new IllegalArgumentException("--device takes cpu or cuda (the first GPU), not '" + d
                    + "'");
            };
        }

        private static String value(String[] args, int i, String opt) {
            if (i >= args.length) {
                throw new IllegalArgumentException(opt + " needs a value");
            }
            return args[i];
        }
    }

    public static void main(String[] args) throws Exception {
        try {
            run(Options.parse(args));
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Bad options, or torch's side failed: one clear line, not a stack trace.
            System.err.println("bench/compare: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void run(Options o) throws java.io.IOException {
        if (o.gpuStatus()) {
            System.out.println(GpuSide.status());
            System.exit(Device.cudaAvailable() ? 0 : 2);
        }
        List<BenchCase> cases = select(o.cuda() ? CudaCases.all(o.tiny()) : CaseGroups.all(), o.only());
        if (o.list()) {
            cases.forEach(c -> System.out.printf("%-18s %-8s %s%n", c.id(), c.group(), c.title()));
            return;
        }
        if (o.cuda() && !Device.cudaAvailable()) {
            throw new IllegalStateException("--device cuda: our side has no GPU: " + Cuda.unavailableReason()
                + ". Nothing was measured.");
        }
        // Single-threaded, as the torch side: our loops here, OpenBLAS through OPENBLAS_NUM_THREADS=1.
        Parallel.setNumThreads(1);
        Tensors.manualSeed(0);
        if (o.tiny()) {
            GpuSide.tinyRun(cases);
            return;
        }
        Timing.Settings settings = o.quick() ? Timing.Settings.QUICK : Timing.Settings.FULL;
        try (TorchSide torch = torchSide(o)) {
            System.out.println("ours: " + (o.quick() ? "quick mode (rough figures)" : "full mode") + ", 1 thread, "
                + (o.cuda() ? GpuSide.describe() : org.workbook.backend.cpu.Gemm.describe())
                + ", kernels " + org.workbook.backend.cpu.Simd.describe()
                + (o.lib() == null ? "" : ", workbook-lib from " + o.lib()));
            if (torch.available() && o.cuda()) {
                System.out.println("torch: " + torch.env().path("torch").asText() + " (CUDA "
                    + torch.env().path("cuda").asText() + ") on " + torch.env().path("gpu").asText() + ", TF32 for matmul "
                    + (torch.env().path("allow_tf32").asBoolean() ? "ON" : "off"));
            } else if (torch.available()) {
                System.out.println("torch: " + torch.env().path("torch").asText() + ", "
                    + torch.env().path("torch_threads").asText() + " thread, "
                    + torch.env().path("openblas_config").asText("BLAS " + torch.env().path("blas_libraries")));
            } else {
                System.out.println("torch: not measured (" + torch.note() + "); ratios are left out");
            }
            System.out.println();
            Report report = new Report(System.out);
            report.header();
            String lastGroup = null;
            for (BenchCase c : cases) {
                // torch first (its accuracy check, then its timing), then ours at once: both see the same load.
                Timing.Result theirs = torch.measure(c.id());
                double accuracy = c.hasAccuracy() ? c.accuracy().run().getAsDouble() : Double.NaN;
                BenchCase.Op op = c.setup().get();
                Contention busy = Contention.start();
                Timing.Result ours = Timing.measure(op, settings);
                // Read at once: the window must not take in torch's two-thread run below (two busy cores).
                double oursOther = busy.otherProcessesCores();
                // Then both on two threads, the same way (--quick: the first case of each group only).
                Timing.Result theirs2 = null;
                Timing.Result ours2 = null;
                if (o.threadsColumn() && !o.cuda() && (!o.quick() || !c.group().equals(lastGroup))) {
                    theirs2 = torch.measure(c.id(), THREADS);
                    Parallel.setNumThreads(THREADS);
                    try {
                        ours2 = Timing.measure(op, settings);
                    } finally {
                        Parallel.setNumThreads(1);
                    }
                }
                lastGroup = c.group();
                report.add(new Row(c, ours, theirs, oursOther, torch.contention(c.id()), accuracy,
                    torch.accuracy(c.id()), ours2, theirs2));
            }
            double oursBusy = report.meanBusy(true);
            double torchBusy = report.meanBusy(false);
            System.out.println();
            report.accuracies();
            report.throughputs();
            System.out.printf("targets: %d PASS, %d MISS. Other processes used %.2f cores on average while we"
                + " measured%s.%n", report.count("PASS"), report.count("MISS"), oursBusy,
                torch.available() ? String.format(" and %.2f while torch did", torchBusy) : "");
            if (oursBusy > 0.1 || torchBusy > 0.1) {
                System.out.println("note: the machine was busy (above 0.1 cores used elsewhere): the \"(cpu time)\" column"
                    + " is the steadier figure; rerun on a quiet machine for wall-clock figures to quote.");
            }
            if (o.out() != null) {
                write(o, report, torch, settings, oursBusy, torchBusy);
            }
            if (o.strict() && report.count("MISS") > 0) {
                System.exit(1);
            }
        }
    }

    private static TorchSide torchSide(Options o) {
        if (o.python() != null) {
            return TorchServer.start(o.python(), o.script(), o.quick(), o.cuda());
        }
        if (o.torch() != null) {
            return TorchResults.read(o.torch());
        }
        return TorchSide.missing(o.noTorch());
    }

    private static List<BenchCase> select(List<BenchCase> all, Set<String> only) {
        if (only == null) {
            return all;
        }
        List<String> ids = all.stream().map(BenchCase::id).toList();
        for (String id : only) {
            if (!ids.contains(id)) {
                throw new IllegalArgumentException("--only: no case '" + id + "'. The cases: " + ids);
            }
        }
        return new ArrayList<>(all.stream().filter(c -> only.contains(c.id())).toList());
    }

    private static void write(Options o, Report report, TorchSide torch, Timing.Settings s, double oursContention,
                              double torchContention) throws java.io.IOException {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        Map<String, Object> machine = MachineInfo.machine();
        Map<String, Object> ours = MachineInfo.javaSide();
        if (o.cuda()) {
            ours.put("gpu", GpuSide.describe());
        }
        ours.put("workbook_lib", o.lib() == null ? "installed (mvn install -pl lib)" : o.lib());
        ours.put("other_processes_cores", Report.num(oursContention));
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("date", now.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        header.put("mode", o.quick() ? "quick" : "full");
        header.put("method", Map.of("warmup_s", s.warmupSeconds(), "min_rep_s", s.repSeconds(), "reps", s.reps(),
            "statistic", "median time per call over the reps"));
        header.put("machine", machine);
        header.put("ours", ours);
        Map<String, Object> t = new LinkedHashMap<>();
        if (torch.available()) {
            t.put("env", torch.env());
            t.put("other_processes_cores", Report.num(torchContention));
        } else {
            t.put("missing", torch.note());
        }
        header.put("torch", t);
        String stem = "compare-" + (o.cuda() ? "cuda-" : "") + now.format(DateTimeFormatter.ISO_LOCAL_DATE) + (o.quick() ? "-quick" : "")
            + (o.lib() == null ? "" : "-lib");
        report.writeJson(o.out().resolve(stem + ".json"), header);

        List<String> facts = new ArrayList<>();
        facts.add("date: " + now.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")) + ", mode: "
            + header.get("mode") + " (warm-up " + s.warmupSeconds() + " s, median of " + s.reps()
            + " batches of at least " + (int) (s.repSeconds() * 1000) + " ms)");
        facts.add("machine: " + machine.get("cpu") + " (family/model " + machine.get("cpu_family_model") + ", AVX-512 "
            + (Boolean.TRUE.equals(machine.get("avx512f")) ? "yes" : "no") + "), " + machine.get("cpus") + " CPUs, " + machine.get("memory_gib")
            + " GiB" + (Boolean.TRUE.equals(machine.get("hypervisor")) ? " (virtual machine)" : "") + ", host "
            + machine.get("host"));
        if (o.cuda()) {
            facts.add("GPU, ours: " + ours.get("gpu") + "; torch: " + torch.env().path("gpu").asText("-") + ", CUDA "
                + torch.env().path("cuda").asText("-") + ", TF32 for matmul "
                + (torch.env().path("allow_tf32").asBoolean() ? "ON" : "off") + "; every timed call ends with a"
                + " synchronize on both sides");
        }
        facts.add("ours: " + (o.lib() == null ? "" : "workbook-lib from " + o.lib() + ", ") + ours.get("java")
            + ", 1 thread (and " + THREADS + " in the threads column), " + ours.get("gemm") + ", kernels "
            + ours.get("kernels") + ", BLAS libraries "
            + ours.get("blas_libraries") + ", OPENBLAS_NUM_THREADS=" + ours.get("OPENBLAS_NUM_THREADS"));
        if (torch.available()) {
            facts.add("torch: " + torch.env().path("torch").asText() + " (Python " + torch.env().path("python").asText()
                + ", numpy " + torch.env().path("numpy").asText() + "), " + torch.env().path("torch_threads").asText()
                + " thread, CPU capability " + torch.env().path("cpu_capability").asText() + ", "
                + torch.env().path("openblas_config").asText("BLAS without openblas_get_config: "
                + torch.env().path("blas_libraries")));
        } else {
            facts.add("torch: not measured (" + torch.note() + ")");
        }
        facts.add(String.format("other processes used %.2f cores on average while we measured%s (above 0.1: the"
            + " wall-clock figures are disturbed, the cpu-time ratio less so); each case's torch and ours ran back"
            + " to back", oursContention, torch.available() ? String.format(", %.2f while torch did", torchContention)
            : ""));
        report.writeMarkdown(o.out().resolve(stem + ".md"), o.cuda() ? "bench/compare --device cuda: ours vs PyTorch on the GPU"
            : "bench/compare: ours vs PyTorch, single-threaded", facts);
        System.out.println("wrote " + o.out().resolve(stem + ".json") + " and .md");
    }
}
