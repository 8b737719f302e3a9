package org.workbook.e2e.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One class graded as a course would (GradeMain in its own JVM, bubblewrap
 * boxes, {@code --source}, two jobs), where hostile submissions sit next to
 * honest ones: each attack on the grader ({@link Attacks}) and each hostile
 * file ({@link AttackSubmissions}). The attackers gain nothing (no points,
 * no file read, no connection, no harm), the honest keep their exact scores,
 * the report says what each attacker tried where it can, and the rest of the
 * batch is graded whatever broke.
 */
class GradeAttacksE2ETest {
    private static final long GRADER_LIMIT_MINUTES = 8;
    private static final String MARKER = "wb-stay-" + UUID.randomUUID();
    private static final Map<String, JsonNode> GRADES = new LinkedHashMap<>();
    private static final Map<Path, String> HASHES = new LinkedHashMap<>();
    private static final AtomicInteger CONNECTIONS = new AtomicInteger();
    private static ServerSocket server;
    private static Path subs;
    private static Path report;
    private static Path junit;
    private static String log;

    @BeforeAll
    static void gradeTheClass(@TempDir Path tmp) throws Exception {
        server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            while (!server.isClosed()) {
                try (var s = server.accept()) {
                    CONNECTIONS.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        });
        accept.setDaemon(true);
        accept.start();
        subs = tmp.resolve("subs");
        Path out = Files.createDirectories(tmp.resolve("out"));
        report = out.resolve("grades.json");
        junit = out.resolve("grades.xml");
        AttackSubmissions s = new AttackSubmissions(subs);
        Path source = Files.writeString(tmp.resolve("assignment.md"), s.assignment());
        Path sibling = s.honest("honest-full.ipynb");
        Map<String, String> fill = Map.of("%SOURCE%", source.toString(), "%SIBLING%", sibling.toString(),
                "%REPORT%", report.toString(), "%PORT%", String.valueOf(server.getLocalPort()), "%MARKER%", MARKER,
                "%CLASSES%", classesDir());
        List<Path> files = new ArrayList<>(List.of(sibling, s.half("honest-half.ipynb"),
                s.attacker("forge.ipynb", Attacks.FORGE_CHANNEL, fill),
                s.attacker("signer.ipynb", Attacks.FIND_SIGNER, fill),
                s.write("shadow.ipynb", s.notebook("    return 0;", "    return 0;", AttackSubmissions.STUB,
                        Attacks.SHADOW)),
                s.write("redefine.ipynb", s.notebook("    return v.length == 3 ? 2.0 : 0.0;",
                        AttackSubmissions.SOLVED_SQUARE, "double expected(double[] v) { return 0; }")),
                s.liar("liar.ipynb"), s.inflated("inflated.ipynb"),
                s.attacker("read.ipynb", Attacks.READ_AND_CONNECT, fill), s.attacker("native.ipynb", Attacks.NATIVE, fill),
                s.attacker("harm.ipynb", Attacks.HARM, fill),
                s.write("flood.ipynb", s.notebook(AttackSubmissions.SOLVED_MEAN, AttackSubmissions.SOLVED_SQUARE,
                        Attacks.FLOOD)),
                s.attacker("thrash.ipynb", Attacks.THRASH, fill),
                s.honest("a/hw.ipynb"), s.half("b/hw.ipynb"), s.bigOutput("big-output.ipynb"),
                s.honest("esc\u001b[31mred.ipynb"), s.fifo("fifo.ipynb"), s.huge("huge.ipynb")));
        for (Path f : files) {
            if (Files.isRegularFile(f) && Files.size(f) < 100_000_000) {
                HASHES.put(f, sha(f));
            }
        }
        HASHES.put(source, sha(source));
        List<String> args = new ArrayList<>();
        files.forEach(f -> args.add(f.toString()));
        args.addAll(List.of("--source", source.toString(), "--report", report.toString(), "--junit", junit.toString(),
                "--executed", subs.toString(), "--jobs", "2", "--memory", "256", "--cell-timeout", "30",
                "--timeout", "150"));
        log = grade(tmp, args);
        for (JsonNode g : new ObjectMapper().readTree(report.toFile()).path("submissions")) {
            GRADES.put(Path.of(g.path("file").asText()).getFileName().toString().replace(".ipynb", "")
                    + (g.path("file").asText().contains("/a/") ? "-a" : g.path("file").asText().contains("/b/") ? "-b" : ""), g);
        }
    }

    /** Runs GradeMain in a JVM of its own and returns what it printed. */
    static String grade(Path tmp, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                "org.workbook.grading.GradeMain"));
        cmd.addAll(args);
        Path out = Files.createTempFile(tmp, "grader", ".log");
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        if (!p.waitFor(GRADER_LIMIT_MINUTES, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("the grader ran past " + GRADER_LIMIT_MINUTES + " minutes: " + Files.readString(out));
        }
        String text = Files.readString(out);
        assertEquals(0, p.exitValue(), text);
        return text;
    }

    @AfterAll
    static void closeServer() throws IOException {
        server.close();
    }

    private static String classesDir() {
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (e.contains("kernel")) {
                return e;
            }
        }
        throw new AssertionError("no kernel entry on the class path");
    }

    private static String sha(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }

    static JsonNode grade(String name) {
        JsonNode g = GRADES.get(name);
        assertTrue(g != null, "no grade for " + name + " in " + GRADES.keySet() + "\n" + log);
        return g;
    }

    static void assertScore(String name, double score) {
        JsonNode g = grade(name);
        assertEquals(score, g.path("score").asDouble(), g.toPrettyString());
        assertEquals(6.0, g.path("max_score").asDouble(), g.toPrettyString());
        assertEquals("bubblewrap", g.path("sandbox").asText(), g.toPrettyString());
    }

    @Test
    void honestSubmissionsKeepTheirExactScores() {
        assertScore("honest-full", 6);
        assertScore("honest-half", 4);
        assertScore("hw-a", 6);
        assertScore("hw-b", 4);
        assertScore("big-output", 6);
        assertScore("esc\u001b[31mred", 6);
        assertScore("flood", 6);
        assertEquals("source", grade("honest-full").path("checks_from").asText());
    }

    @Test
    void forgedResultsScoreNothingAndAreNamed() {
        assertScore("forge", 0);
        assertEquals("tampered", grade("forge").path("status").asText());
        assertTrue(grade("forge").path("reason").asText().contains("forge"), grade("forge").toPrettyString());
        assertScore("signer", 0);
    }

    @Test
    void checksUseTheRealHelpersAndLessonFunctions() {
        assertScore("shadow", 0);
        String notes = grade("shadow").path("notes").toString();
        assertTrue(notes.contains("'checkClose'") && notes.contains("'checkEqual'"), notes);
        assertScore("redefine", 3);
        assertEquals("failed", grade("redefine").path("checks").get(0).path("status").asText());
        assertTrue(grade("redefine").path("notes").toString().contains("'expected'"), grade("redefine").toPrettyString());
    }

    @Test
    void pointsComeFromTheSourceWhateverTheSubmissionClaims() {
        JsonNode g = grade("inflated");
        assertEquals(0.0, g.path("score").asDouble(), g.toPrettyString());
        assertEquals(6.0, g.path("max_score").asDouble(), g.toPrettyString());
        assertEquals(3, g.path("checks").size(), g.toPrettyString());
    }

    @Test
    void sameNamesInTwoFoldersKeepTwoExecutedCopiesAndBothOriginals() throws IOException {
        try (Stream<Path> all = Files.list(subs)) {
            List<String> hw = all.map(p -> p.getFileName().toString()).filter(n -> n.contains("hw")).sorted().toList();
            assertEquals(2, hw.stream().filter(n -> n.endsWith("__a__hw.ipynb") || n.endsWith("__b__hw.ipynb")).count(),
                    hw.toString());
        }
    }

    @Test
    void answersThatClaimToEqualAnythingGainNothing() {
        assertScore("liar", 3);
        JsonNode checks = grade("liar").path("checks");
        assertEquals("failed", checks.get(1).path("status").asText(), checks.toPrettyString());
        assertTrue(checks.get(2).path("reason").asText().contains("not allowed while grading"), checks.toPrettyString());
    }

    @Test
    void noAttackerReadsConnectsOrHarms() throws Exception {
        assertScore("read", 0);
        assertScore("harm", 0);
        assertScore("native", 0);
        assertEquals(0, CONNECTIONS.get(), "connections reached the host from a box");
        for (var e : HASHES.entrySet()) {
            assertTrue(Files.exists(e.getKey()), e.getKey() + " was deleted");
            assertEquals(e.getValue(), sha(e.getKey()), e.getKey() + " was changed");
        }
        List<String> executed;
        try (Stream<Path> all = Files.list(subs)) {
            executed = all.map(Path::toString).filter(p -> p.contains("-executed")).toList();
        }
        assertTrue(executed.stream().anyMatch(p -> p.contains("read-executed")), executed.toString());
        assertTrue(executed.stream().anyMatch(p -> p.contains("harm-executed")), executed.toString());
        assertTrue(executed.stream().anyMatch(p -> p.contains("native-executed")), executed.toString());
        assertTrue(outputs(Path.of(executed.stream().filter(p -> p.contains("flood-executed")).findFirst().orElseThrow()))
                .contains("/tmp: wrote"), "the flood attack did not get to fill its folders");
        String nat = outputs(Path.of(executed.stream().filter(p -> p.contains("native-executed")).findFirst().orElseThrow()));
        assertTrue(nat.contains("matmul BLAS in the box: ") && nat.contains("(pure Java: slow)")
                && nat.contains("bundled OpenBLAS not tried: -Dworkbook.blas=java"), "the box's matmul: " + nat);
        String harm = outputs(Path.of(executed.stream().filter(p -> p.contains("harm-executed")).findFirst().orElseThrow()));
        assertTrue(harm.contains("started a process meant to outlive grading") || harm.contains("may not start programs"),
                "the harm attack neither started its process nor was refused: " + harm);
        for (String p : executed) {
            String shown = outputs(Path.of(p));
            assertFalse(shown.contains("LEAK"), p + " shows an attack that worked:\n" + shown.lines()
                    .filter(l -> l.contains("LEAK")).toList());
        }
        assertFalse(ProcessHandle.allProcesses().anyMatch(h -> h.info().commandLine().orElse("").contains(MARKER)),
                "a process a submission started outlived grading");
    }

    /** What a notebook's cells printed (their outputs, not their code). */
    static String outputs(Path notebook) throws IOException {
        StringBuilder b = new StringBuilder();
        for (JsonNode c : new ObjectMapper().readTree(notebook.toFile()).path("cells")) {
            for (JsonNode o : c.path("outputs")) {
                b.append(o.toString()).append('\n');
            }
        }
        return b.toString();
    }

    @Test
    void theReportsAreWholeAndWellFormed() throws Exception {
        assertTrue(Files.isRegularFile(report), "the report is not a file");
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertEquals(19, GRADES.size(), GRADES.keySet().toString());
    }

    @Test
    void hostileFilesEndWithAReasonEach() {
        JsonNode fifo = grade("fifo");
        assertEquals("invalid", fifo.path("status").asText());
        assertTrue(fifo.path("reason").asText().contains("not a regular file"), fifo.toPrettyString());
        JsonNode huge = grade("huge");
        assertEquals("invalid", huge.path("status").asText());
        assertTrue(huge.path("reason").asText().contains("over the limit"), huge.toPrettyString());
        JsonNode thrash = grade("thrash");
        assertEquals("out-of-memory", thrash.path("status").asText(), thrash.toPrettyString());
        assertTrue(grade("flood").path("notes").toString().contains("raw stdout"), grade("flood").toPrettyString());
    }
}
