package org.workbook.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * PyTorch's side of a comparison, as bench/compare_torch.py wrote it: per-case
 * timings, its environment (torch version, the BLAS it loaded, threads) and the
 * contention while it ran. {@link #missing} stands in when torch is not installed.
 */
record TorchResults(Map<String, Timing.Result> cases, JsonNode env, double contention, String note) {

    static TorchResults missing(String note) {
        return new TorchResults(Map.of(), null, Double.NaN, note);
    }

    boolean available() {
        return env != null;
    }

    static TorchResults read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read PyTorch's results " + file + ": " + e.getMessage()
                + ". Rerun bench/compare, which writes it with bench/compare_torch.py.", e);
        }
        JsonNode cs = root.path("cases");
        if (!cs.isObject() || !root.has("env")) {
            throw new IllegalArgumentException(file + " is not a bench/compare_torch.py result: it needs the keys"
                + " 'env' and 'cases'. Rerun bench/compare.");
        }
        Map<String, Timing.Result> cases = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = cs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode r = e.getValue();
            cases.put(e.getKey(), new Timing.Result(r.path("median_ns").asDouble(), r.path("min_ns").asDouble(),
                r.path("max_ns").asDouble(), r.path("cpu_mean_ns").asDouble(Double.NaN), r.path("calls_per_rep").asLong(), r.path("reps").asInt()));
        }
        double contention = root.path("contention").path("other_processes_cores").asDouble(Double.NaN);
        return new TorchResults(cases, root.get("env"), contention, null);
    }
}
