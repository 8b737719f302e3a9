package org.workbook.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workbook.notebook.LessonReader;
import org.workbook.notebook.NotebookWriter;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --shard I/N} and {@code ./workbook grade merge}: two shards of one
 * class, graded apart as a batch engine would, join into the report one run
 * would give; shards cut from different lists are refused. And grading
 * without {@code --source} or without the box says so for every submission.
 */
class ShardMergeTest {
    @TempDir
    Path tmp;

    /** The test assignment with one piece of its solution replaced, as a submission file. */
    private String submission(String name, String find, String replace) throws Exception {
        String lesson = Files.readString(GradeMainTest.resource("assignment.md"));
        Path file = tmp.resolve(name + ".ipynb");
        NotebookWriter.write(LessonReader.parse(lesson.replace(find, replace), name + ".md"), file);
        return file.toString();
    }

    private int grade(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        return new GradeMain(new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(o, true, StandardCharsets.UTF_8)).run(args);
    }

    @Test
    void shardsAreDisjointCoverAllAndMergeIntoOneReport() throws Exception {
        List<String> subs = List.of(submission("c1", "x", "x"),
                submission("w1", GradeMainTest.SOLVED_SQUARE, "return x + x;"), submission("c2", "x", "x"));
        String source = GradeMainTest.resource("assignment.md").toString();
        List<String> reports = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            String r = tmp.resolve("shard" + i + ".json").toString();
            List<String> args = new ArrayList<>(List.of(subs.get(2), subs.get(0), subs.get(1)));   // any order
            args.addAll(List.of("--shard", i + "/2", "--source", source, "--report", r, "--cell-timeout", "20"));
            assertEquals(0, grade(args.toArray(String[]::new)));
            reports.add(r);
        }
        Path all = tmp.resolve("all.json");
        Path xml = tmp.resolve("all.xml");
        assertEquals(0, grade("merge", "--report", all.toString(), "--junit", xml.toString(), reports.get(0),
                reports.get(1)));
        Map<String, Double> scores = new HashMap<>();
        Set<String> files = new HashSet<>();
        for (JsonNode s : new ObjectMapper().readTree(all.toFile()).path("submissions")) {
            assertTrue(files.add(s.path("file").asText()), "graded twice: " + s.path("file"));
            scores.put(s.path("name").asText(), s.path("score").asDouble());
        }
        assertEquals(Map.of("c1", 5.0, "w1", 3.0, "c2", 5.0), scores);
        JsonNode total = new ObjectMapper().readTree(all.toFile()).path("total");
        assertEquals(13.0, total.path("score").asDouble());
        assertEquals(3, DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile())
                .getElementsByTagName("testsuite").getLength());
        assertEquals(GradeMain.BAD_USAGE, grade("merge", "--report", tmp.resolve("bad.json").toString(),
                reports.get(0), reports.get(0)), "the same submission in two shards");
    }

    @Test
    void shardsSplitBySortedPathWhateverTheOrder() {
        List<Path> a = List.of(Path.of("b.ipynb"), Path.of("a.ipynb"), Path.of("c.ipynb"), Path.of("d.ipynb"));
        List<Path> b = List.of(Path.of("d.ipynb"), Path.of("c.ipynb"), Path.of("a.ipynb"), Path.of("b.ipynb"));
        for (int i = 1; i <= 3; i++) {
            assertEquals(Shards.select(a, i, 3), Shards.select(b, i, 3));
        }
        assertEquals(List.of(Path.of("a.ipynb"), Path.of("d.ipynb")), Shards.select(a, 1, 3));
        assertEquals(List.of(), Shards.select(List.of(Path.of("a.ipynb")), 2, 2));
    }

    @Test
    void withoutSourceOrSandboxEverySubmissionSaysSo() throws Exception {
        Path r = tmp.resolve("nosource.json");
        assertEquals(0, grade(submission("inflated", "x", "x"), "--report", r.toString(), "--cell-timeout", "20",
                "--no-sandbox"));
        JsonNode s = new ObjectMapper().readTree(r.toFile()).path("submissions").get(0);
        assertEquals("submission", s.path("checks_from").asText());
        assertEquals("none", s.path("sandbox").asText(), "--no-sandbox is recorded for every submission");
        assertEquals(5.0, s.path("score").asDouble(), s.toPrettyString());
        assertTrue(s.path("notes").get(0).asText().startsWith("unverified:"), s.toPrettyString());
    }
}
