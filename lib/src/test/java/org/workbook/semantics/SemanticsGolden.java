package org.workbook.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.workbook.tensor.Tensor;

/**
 * torch's answers for the corner cases of issue 13, written by {@code bench/golden/gen_semantics.py}
 * (one line a case: id, "out" or "err", the text), and the replay of each case's Java program
 * against them: the same printed text, or an error whose message carries torch's words.
 */
final class SemanticsGolden {
    record Expected(boolean error, String text) { }

    private static final Map<String, Expected> CASES = load();

    private SemanticsGolden() { }

    private static Map<String, Expected> load() {
        try (InputStream in = SemanticsGolden.class.getResourceAsStream("/golden/semantics/cases.txt")) {
            assertNotNull(in, "golden/semantics/cases.txt is missing: run bench/golden/gen_semantics.py");
            Map<String, Expected> m = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] p = line.split("\t", 3);
                m.put(p[0], new Expected(p[1].equals("err"), unescape(p[2])));
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The ids the generator wrote with this prefix (so a case added in Python but not in Java fails). */
    static List<String> idsWithPrefix(String prefix) {
        List<String> ids = new ArrayList<>();
        for (String id : CASES.keySet()) {
            if (id.startsWith(prefix)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** One dynamic test per golden case of the given prefixes; each must have a Java program. */
    static Stream<DynamicTest> replay(Map<String, Callable<String>> programs, String... prefixes) {
        List<DynamicTest> tests = new ArrayList<>();
        for (String prefix : prefixes) {
            for (String id : idsWithPrefix(prefix)) {
                tests.add(DynamicTest.dynamicTest(id, () -> check(id, programs.get(id))));
            }
        }
        assertTrue(tests.size() > 0, "no golden cases for " + String.join(", ", prefixes));
        return tests.stream();
    }

    static void check(String id, Callable<String> program) {
        assertNotNull(program, "golden case " + id + " has no Java program");
        Expected want = CASES.get(id);
        String got;
        try {
            got = program.call();
        } catch (Exception | Error e) {
            if (!want.error()) {
                throw new AssertionError(id + ": torch gives " + want.text() + " but the library threw " + e, e);
            }
            String key = want.text().split(" Hint:")[0];
            assertTrue(String.valueOf(e.getMessage()).contains(key),
                id + ": the message should carry torch's words\n  torch: " + key + "\n  ours:  " + e.getMessage());
            return;
        }
        if (want.error()) {
            fail(id + ": torch raises \"" + want.text() + "\" but the library returned " + got);
        }
        assertEquals(want.text(), got, id);
    }

    /** Gradients as the generator prints them: str(t.grad) joined by " | ". */
    static String grads(Tensor... ts) {
        StringBuilder b = new StringBuilder();
        for (Tensor t : ts) {
            b.append(b.length() == 0 ? "" : " | ").append(t.grad() == null ? "None" : t.grad().toString());
        }
        return b.toString();
    }

    /** torch's {@code type(t.grad_fn).__name__}. */
    static String fn(Tensor t) {
        return t.gradFn() == null ? "None" : t.gradFn().name();
    }

    static Tensor rg(double... v) {
        return org.workbook.tensor.Tensors.tensor(v).requiresGrad_();
    }
}
