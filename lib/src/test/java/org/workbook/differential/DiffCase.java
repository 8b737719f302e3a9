package org.workbook.differential;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * One case of golden/differential/cases.jsonl.gz (written by bench/golden/gen_differential.py):
 * the program's steps, its Python and Java lines for reports, and what torch gave: the
 * records of its vars and leaves' grads, or the error.
 */
record DiffCase(String id, String family, List<Map<String, Object>> steps, List<String> py, List<String> java,
                Map<String, Object> out, Map<String, Object> grads, Map<String, Object> error) {

    static final String RESOURCE = "/golden/differential/cases.jsonl.gz";

    @SuppressWarnings("unchecked")
    static DiffCase of(Map<String, Object> m) {
        return new DiffCase((String) m.get("id"), (String) m.get("family"),
                (List<Map<String, Object>>) m.get("steps"), (List<String>) m.get("py"), (List<String>) m.get("java"),
                (Map<String, Object>) m.get("out"), (Map<String, Object>) m.get("grads"),
                (Map<String, Object>) m.get("error"));
    }

    @SuppressWarnings("unchecked")
    static List<DiffCase> loadAll() {
        List<DiffCase> cases = new ArrayList<>();
        try (InputStream in = DiffCase.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing: run bench/golden/gen_differential.py");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    cases.add(of((Map<String, Object>) Json.parse(line)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    /** The program as both languages write it, for a mismatch report. */
    String listing() {
        StringBuilder b = new StringBuilder("  Python:\n");
        py.forEach(l -> b.append("    ").append(l.replace("\n", "\n    ")).append('\n'));
        b.append("  Java:\n");
        java.forEach(l -> b.append("    ").append(l.replace("\n", "\n    ")).append('\n'));
        return b.toString();
    }
}
