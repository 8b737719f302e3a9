package org.workbook.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Prints the comparison table as rows come in, then writes the same figures as
 * JSON (everything, for tools) and Markdown (for the README and commits).
 */
final class Report {
    private static final String FMT = "%-18s %-38s %10s %10s %10s %9s %8s  %-6s %10s %10s %8s%n";

    private final PrintStream out;
    private final List<Row> rows = new ArrayList<>();

    Report(PrintStream out) {
        this.out = out;
    }

    void header() {
        String t = Compare.THREADS + " thr";
        out.printf(FMT, "case", "what", "ours", "torch", "ours/torch", "(cpu time)", "target", "result", "ours " + t,
            "torch " + t, "ratio");
        out.printf(FMT, "-".repeat(18), "-".repeat(38), "-".repeat(10), "-".repeat(10), "-".repeat(10),
            "-".repeat(9), "-".repeat(8), "------", "-".repeat(10), "-".repeat(10), "-".repeat(8));
    }

    void add(Row r) {
        rows.add(r);
        out.printf(FMT, r.c().id(), r.c().title(), Row.time(r.ours().medianNs()),
            r.torch() == null ? "-" : Row.time(r.torch().medianNs()), ratio(r), fmt(r.cpuRatio()), target(r),
            r.verdict(), r.ours2() == null ? "-" : Row.time(r.ours2().medianNs()),
            r.torch2() == null ? "-" : Row.time(r.torch2().medianNs()), fmt(r.ratio2()));
        out.flush();
    }

    /** The training cases' accuracies, ours beside torch's, after the table. */
    void accuracies() {
        List<Row> acc = rows.stream().filter(r -> r.c().hasAccuracy()).toList();
        if (acc.isEmpty()) {
            return;
        }
        out.println();
        out.printf("%-20s %7s %8s %8s%n", "accuracy (valid)", "epochs", "ours", "torch");
        for (Row r : acc) {
            out.printf("%-20s %7d %8s %8s%n", r.c().id(), r.c().accuracy().epochs(), acc(r.oursAccuracy()),
                acc(r.torchAccuracy()));
        }
    }

    private static String acc(double a) {
        return Double.isNaN(a) ? "-" : String.format("%.4f", a);
    }

    List<Row> rows() {
        return rows;
    }

    /** Mean cores other processes used while one side (ours or torch's) measured, over the cases known. */
    double meanBusy(boolean ours) {
        return rows.stream().mapToDouble(r -> ours ? r.oursBusy() : r.torchBusy()).filter(v -> !Double.isNaN(v))
            .average().orElse(Double.NaN);
    }

    long count(String verdict) {
        return rows.stream().filter(r -> r.verdict().equals(verdict)).count();
    }

    private static String ratio(Row r) {
        return fmt(r.ratio());
    }

    private static String fmt(double ratio) {
        return Double.isNaN(ratio) ? "-" : String.format("%.3f", ratio);
    }

    private static String target(Row r) {
        if (r.c().throughput() != null) {
            return String.format(">= %.0f %%", r.c().throughput().minPercentOfTorch());
        }
        return r.c().hasTarget() ? String.format("<= %.2f", r.c().target()) : "-";
    }

    /** The throughput cases' rates, ours beside torch's, after the table (e.g. our SGEMM against cuBLAS). */
    void throughputs() {
        List<Row> tp = rows.stream().filter(r -> r.c().throughput() != null).toList();
        if (tp.isEmpty()) {
            return;
        }
        out.println();
        out.printf("%-20s %14s %14s %14s %10s%n", "throughput", "ours", "torch", "ours/torch", "target");
        for (Row r : tp) {
            BenchCase.Throughput t = r.c().throughput();
            out.printf("%-20s %14s %14s %14s %10s  %s%n", r.c().id(), tflops(t, r.ours()), tflops(t, r.torch()),
                Double.isNaN(r.ratio()) ? "-" : String.format("%.1f %%", r.percentOfTorch()), target(r), r.verdict());
        }
    }

    private static String tflops(BenchCase.Throughput t, Timing.Result r) {
        return r == null ? "-" : String.format("%.2f TFLOP/s", t.tflops(r.medianNs()));
    }

    /** JSON has no NaN: unknown is null. */
    static Double num(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static Map<String, Object> timing(Timing.Result t) {
        if (t == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median_ns", t.medianNs());
        m.put("min_ns", t.minNs());
        m.put("max_ns", t.maxNs());
        m.put("cpu_mean_ns", num(t.cpuMeanNs()));
        m.put("calls_per_rep", t.callsPerRep());
        m.put("reps", t.reps());
        return m;
    }

    /** The whole run as one JSON document. */
    void writeJson(Path file, Map<String, Object> header) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>(header);
        List<Map<String, Object>> cs = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.c().id());
            m.put("group", r.c().group());
            m.put("title", r.c().title());
            m.put("target", r.c().hasTarget() && r.c().throughput() == null ? r.c().target() : null);
            m.put("ours", timing(r.ours()));
            m.put("torch", timing(r.torch()));
            Map<String, Object> busy = new LinkedHashMap<>();
            busy.put("ours", num(r.oursBusy()));
            busy.put("torch", num(r.torchBusy()));
            m.put("other_processes_cores", busy);
            m.put("ratio", num(r.ratio()));
            m.put("cpu_ratio", num(r.cpuRatio()));
            Map<String, Object> two = new LinkedHashMap<>();
            two.put("threads", Compare.THREADS);
            two.put("ours", timing(r.ours2()));
            two.put("torch", timing(r.torch2()));
            two.put("ratio", num(r.ratio2()));
            m.put("threaded", two);
            m.put("result", r.verdict());
            if (r.c().throughput() != null) {
                BenchCase.Throughput t = r.c().throughput();
                Map<String, Object> tp = new LinkedHashMap<>();
                tp.put("flops_per_call", t.flops());
                tp.put("ours_tflops", t.tflops(r.ours().medianNs()));
                tp.put("torch_tflops", r.torch() == null ? null : t.tflops(r.torch().medianNs()));
                tp.put("ours_percent_of_torch", num(r.percentOfTorch()));
                tp.put("target_min_percent", t.minPercentOfTorch());
                m.put("throughput", tp);
            }
            if (r.c().hasAccuracy()) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("epochs", r.c().accuracy().epochs());
                a.put("ours", num(r.oursAccuracy()));
                a.put("torch", num(r.torchAccuracy()));
                m.put("accuracy", a);
            }
            cs.add(m);
        }
        doc.put("cases", cs);
        doc.put("summary", Map.of("pass", count("PASS"), "miss", count("MISS")));
        Files.createDirectories(file.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
    }

    /** A Markdown page: when, where, how, then the table. */
    void writeMarkdown(Path file, String title, List<String> facts) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(title).append("\n\n");
        for (String f : facts) {
            sb.append("- ").append(f).append('\n');
        }
        String thr = Compare.THREADS + " threads";
        sb.append("\n| case | what | ours | torch | ours/torch | (cpu time) | target | result | ours, " + thr + " | torch, "
            + thr + " | ours/torch, " + thr + " |\n");
        sb.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |\n");
        for (Row r : rows) {
            sb.append("| `").append(r.c().id()).append("` | ").append(r.c().title()).append(" | ")
                .append(Row.time(r.ours().medianNs())).append(" | ")
                .append(r.torch() == null ? "-" : Row.time(r.torch().medianNs())).append(" | ")
                .append(ratio(r)).append(" | ").append(fmt(r.cpuRatio())).append(" | ")
                .append(target(r).replace("<=", "≤")).append(" | ")
                .append(r.verdict().equals("PASS") || r.verdict().equals("MISS") ? "**" + r.verdict() + "**"
                    : r.verdict())
                .append(" | ").append(r.ours2() == null ? "-" : Row.time(r.ours2().medianNs()))
                .append(" | ").append(r.torch2() == null ? "-" : Row.time(r.torch2().medianNs()))
                .append(" | ").append(fmt(r.ratio2())).append(" |\n");
        }
        List<Row> tp = rows.stream().filter(r -> r.c().throughput() != null).toList();
        if (!tp.isEmpty()) {
            sb.append("\nThroughput (median time per call):\n\n| case | ours | torch | ours / torch | target | result |\n"
                + "| --- | ---: | ---: | ---: | ---: | --- |\n");
            for (Row r : tp) {
                BenchCase.Throughput t = r.c().throughput();
                sb.append("| `").append(r.c().id()).append("` | ").append(tflops(t, r.ours())).append(" | ")
                    .append(tflops(t, r.torch())).append(" | ")
                    .append(Double.isNaN(r.ratio()) ? "-" : String.format("%.1f %%", r.percentOfTorch())).append(" | ")
                    .append(target(r).replace(">=", "≥")).append(" | ").append(r.verdict()).append(" |\n");
            }
        }
        List<Row> acc = rows.stream().filter(r -> r.c().hasAccuracy()).toList();
        if (!acc.isEmpty()) {
            sb.append("\nValidation accuracy of each training case's model, trained afresh (seed 0) for the epochs shown,"
                + " in the same run:\n\n| case | epochs | ours | torch |\n| --- | ---: | ---: | ---: |\n");
            for (Row r : acc) {
                sb.append("| `").append(r.c().id()).append("` | ").append(r.c().accuracy().epochs()).append(" | ")
                    .append(acc(r.oursAccuracy())).append(" | ").append(acc(r.torchAccuracy())).append(" |\n");
            }
        }
        sb.append("\nTimes are the median wall-clock time per call; PASS/MISS compares that ratio with the target."
            + " The last three columns are the same case with both sides on " + Compare.THREADS + " threads (our"
            + " Parallel.setNumThreads and OpenBLAS's; torch.set_num_threads and its OpenBLAS's); targets are"
            + " single-threaded."
            + " \"(cpu time)\" is the ratio of the mean process CPU time per call, the cross-check when other work shared the"
            + " machine. Min, max and CPU times per case are in the JSON file beside this one.\n");
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb.toString());
    }
}
