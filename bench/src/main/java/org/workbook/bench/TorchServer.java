package org.workbook.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * PyTorch measuring on request: {@code compare_torch.py --serve} runs beside us and
 * times a case when asked, just before we time ours, so both sides of every case
 * run under the same load from the rest of the machine. One JSON line per reply;
 * its stderr (warnings) goes to ours.
 */
final class TorchServer implements TorchSide {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final BufferedReader in;
    private final Writer out;
    private final JsonNode env;
    private final Set<String> ids = new HashSet<>();
    private final java.util.Map<String, Double> contention = new java.util.HashMap<>();
    private final java.util.Map<String, Double> accuracy = new java.util.HashMap<>();

    private TorchServer(Process process) throws IOException {
        this.process = process;
        this.in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.out = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        JsonNode hello = readLine("starting");
        this.env = hello.get("env");
        hello.path("ids").forEach(n -> ids.add(n.asText()));
    }

    /**
     * Starts {@code python script --serve [--quick] [--device cuda]}; the environment
     * (OPENBLAS_NUM_THREADS) is inherited.
     */
    static TorchServer start(String python, Path script, boolean quick, boolean cuda) {
        List<String> cmd = new ArrayList<>(List.of(python, script.toString(), "--serve"));
        if (quick) {
            cmd.add("--quick");
        }
        if (cuda) {
            cmd.addAll(List.of("--device", "cuda"));
        }
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            return new TorchServer(p);
        } catch (IOException e) {
            throw new IllegalStateException("could not start PyTorch's side (" + String.join(" ", cmd) + "): "
                + e.getMessage() + ". Is " + python + " installed, with python3-torch?", e);
        }
    }

    private JsonNode readLine(String what) throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("PyTorch's side (compare_torch.py --serve) ended while " + what
                + "; its messages are above");
        }
        return JSON.readTree(line);
    }

    @Override
    public Timing.Result measure(String id) {
        return measure(id, 1);
    }

    @Override
    public Timing.Result measure(String id, int threads) {
        if (!ids.contains(id)) {
            return null;
        }
        try {
            out.write("measure " + id + (threads == 1 ? "" : " " + threads) + "\n");
            out.flush();
            JsonNode r = readLine("measuring " + id + (threads == 1 ? "" : " on " + threads + " threads"));
            if (r.has("error")) {
                throw new IllegalStateException("PyTorch's side could not measure " + id + ": " + r.get("error").asText());
            }
            if (threads == 1) {
                contention.put(id, r.path("other_processes_cores").asDouble(Double.NaN));
                accuracy.put(id, r.path("accuracy").asDouble(Double.NaN));
            }
            return TorchSide.parse(r);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public double contention(String id) {
        return contention.getOrDefault(id, Double.NaN);
    }

    @Override
    public double accuracy(String id) {
        return accuracy.getOrDefault(id, Double.NaN);
    }

    @Override
    public JsonNode env() {
        return env;
    }

    @Override
    public String note() {
        return null;
    }

    @Override
    public void close() {
        try {
            out.write("quit\n");
            out.flush();
            out.close();
            process.waitFor();
        } catch (IOException | InterruptedException e) {
            process.destroy();
        }
    }
}
