package org.workbook.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** PyTorch's side from a finished {@code compare_torch.py --out FILE} run (measured before ours, not beside it). */
final class TorchResults implements TorchSide {
    private final JsonNode root;

    private TorchResults(JsonNode root) {
        this.root = root;
    }

    static TorchResults read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read PyTorch's results " + file + ": " + e.getMessage()
                + ". Write them with bench/compare_torch.py --out FILE.", e);
        }
        if (!root.path("cases").isObject() || !root.has("env")) {
            throw new IllegalArgumentException(file + " is not a bench/compare_torch.py result: it needs the keys"
                + " 'env' and 'cases'. Write it with bench/compare_torch.py --out FILE.");
        }
        return new TorchResults(root);
    }

    @Override
    public Timing.Result measure(String id) {
        JsonNode r = root.path("cases").get(id);
        return r == null ? null : TorchSide.parse(r);
    }

    @Override
    public double contention(String id) {
        return root.path("cases").path(id).path("other_processes_cores").asDouble(Double.NaN);
    }

    @Override
    public double accuracy(String id) {
        return root.path("cases").path(id).path("accuracy").asDouble(Double.NaN);
    }

    @Override
    public JsonNode env() {
        return root.get("env");
    }

    @Override
    public String note() {
        return null;
    }
}
