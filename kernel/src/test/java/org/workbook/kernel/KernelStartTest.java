package org.workbook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.google.gson.Gson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.workbook.JvmFlags;

/**
 * A kernel that cannot bind a port of its connection file says so in the server's log and exits at
 * once. It used to exit with status 1 and nothing at all on stderr (its stderr already went to the
 * notebook), which on a JupyterHub of ten students looked like a kernel dying five times for no
 * reason when another process had taken one of its ports. Each case starts the real kernel
 * ({@link KernelMain}) in a JVM of its own.
 */
class KernelStartTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} port taken")
    @ValueSource(strings = {"shell", "control", "stdin", "iopub", "hb"})
    void aPortTakenIsNamedInTheLogAndTheKernelExits(String channel) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, Object> file = connectionFile("127.0.0.1");
            file.put(channel + "_port", taken.getLocalPort());
            Result r = start(file);
            assertEquals(1, r.status, r.stderr);
            String name = channel.equals("hb") ? "heartbeat" : channel;
            assertTrue(r.stderr.contains("workbook kernel: cannot listen on tcp://127.0.0.1:" + taken.getLocalPort()
                + ", the " + name + " port that Jupyter's connection file gives: the address is already in use"
                + " (another process holds that port)"), r.stderr);
            assertTrue(r.stderr.contains("Kernel > Shut Down Kernel"), r.stderr);
            assertFalse(r.stderr.contains("Exception"), "a message, not a stack trace: " + r.stderr);
        }
    }

    @Test
    void anAddressThisMachineLacksIsNamedAsSuch() throws Exception {
        // TEST-NET-1 (RFC 5737): never assigned to a machine
        Result r = start(connectionFile("192.0.2.7"));
        assertEquals(1, r.status, r.stderr);
        assertTrue(r.stderr.contains("cannot listen on tcp://192.0.2.7:"), r.stderr);
        assertTrue(r.stderr.contains("this machine has no address 192.0.2.7"), r.stderr);
        assertFalse(r.stderr.contains("already in use"), r.stderr);
    }

    private Map<String, Object> connectionFile(String ip) throws IOException {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("transport", "tcp");
        f.put("ip", ip);
        for (String c : List.of("shell", "control", "stdin", "iopub", "hb")) {
            f.put(c + "_port", freePort());
        }
        f.put("key", "a0436f6c-1916-498b-8eb9-e81ab9368e84");
        f.put("signature_scheme", "hmac-sha256");
        f.put("kernel_name", "workbook");
        return f;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private record Result(int status, String stderr) { }

    private Result start(Map<String, Object> file) throws Exception {
        Path cf = dir.resolve("kernel-" + System.nanoTime() + ".json");
        Files.writeString(cf, new Gson().toJson(file), StandardCharsets.UTF_8);
        Path err = dir.resolve("stderr-" + System.nanoTime() + ".txt");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JvmFlags.REQUIRED);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), KernelMain.class.getName(), cf.toString()));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("the kernel did not exit within 60 s: " + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    }
}
