package org.workbook.differential;

import java.util.Locale;
import java.util.Map;

/**
 * Replays one case and compares everything torch recorded: where torch raised, the library
 * must throw at the same step with torch's key phrase in its message; otherwise every var
 * and every leaf's grad must agree.
 */
final class CaseRunner {
    private CaseRunner() { }

    @SuppressWarnings("unchecked")
    static Report run(DiffCase c) {
        Report r = new Report(c);
        Interpreter in = new Interpreter();
        in.run(c);
        if (c.error() != null) {
            int step = ((Number) c.error().get("step")).intValue();
            String op = (String) c.steps().get(step).get("op");
            r.firstOp = op;
            String torchMsg = c.error().get("type") + ": " + c.error().get("msg");
            if (in.failedStep < 0) {
                r.mismatch("no error", "torch raised at step " + step + " (" + op + ") and the library did not:\n    "
                        + torchMsg + lastValue(in, c, step));
            } else if (in.failedStep != step) {
                r.mismatch("error step", "torch raised at step " + step + " (" + op + "), the library at step "
                        + in.failedStep + ":\n    torch:   " + torchMsg + "\n    library: " + describe(in.failure));
            } else if (!normal(String.valueOf(in.failure.getMessage())).contains(normal((String) c.error().get("key")))) {
                r.mismatch("error message", "both raise at " + op + ", but the library's message lacks torch's words \""
                        + c.error().get("key") + "\":\n    torch:   " + torchMsg + "\n    library: " + describe(in.failure));
            }
            return r;
        }
        if (in.failedStep >= 0) {
            r.firstOp = (String) c.steps().get(in.failedStep).get("op");
            r.mismatch("threw", "the library threw at step " + in.failedStep + " (" + r.firstOp + "), torch did not:\n    "
                    + describe(in.failure));
            return r;
        }
        boolean exact = c.steps().stream().allMatch(s -> Comparator.EXACT_OPS.contains((String) s.get("op")));
        boolean f32 = c.steps().stream().anyMatch(s -> String.valueOf(s.get("k")).contains("float32"))
                || c.out().values().stream().anyMatch(o -> String.valueOf(o).contains("float32"));
        double scale = scale(c.out());
        scale = Math.max(scale, scale(c.grads()));
        Comparator cmp = new Comparator(r, exact, f32, scale);
        for (Map.Entry<String, Object> e : c.out().entrySet()) {
            int before = r.mismatches.size();
            cmp.compare(e.getKey(), (Map<String, Object>) e.getValue(), in.env.get(e.getKey()),
                    in.producedBy.getOrDefault(e.getKey(), "input"));
            if (r.firstOp == null && r.mismatches.size() > before) {
                r.firstOp = in.producedBy.getOrDefault(e.getKey(), "input");
            }
        }
        for (Map.Entry<String, Object> e : c.grads().entrySet()) {
            org.workbook.tensor.Tensor leaf = (org.workbook.tensor.Tensor) in.env.get(e.getKey());
            int before = r.mismatches.size();
            if (e.getValue() == null) {
                if (leaf.grad() != null) {
                    r.mismatch("grad", e.getKey() + ".grad: torch has None, the library " + leaf.grad());
                }
            } else if (leaf.grad() == null) {
                r.mismatch("grad", e.getKey() + ".grad: the library has none, torch has\n"
                        + Comparator.indent((String) ((Map<String, Object>) e.getValue()).get("str")));
            } else {
                Report sub = new Report(c);
                new Comparator(sub, exact, f32, scale).compare(e.getKey() + ".grad", (Map<String, Object>) e.getValue(), leaf.grad(), "grad");
                sub.mismatches.forEach(m -> r.mismatch("grad " + m.kind(), m.detail()));
                r.notes.addAll(sub.notes);
            }
            if (r.firstOp == null && r.mismatches.size() > before) {
                r.firstOp = "grad";
            }
        }
        return r;
    }

    /** The largest finite magnitude among the values of these records (pairs included). */
    @SuppressWarnings("unchecked")
    private static double scale(Map<String, Object> records) {
        double m = 0;
        for (Object o : records.values()) {
            if (!(o instanceof Map)) {
                continue;
            }
            Map<String, Object> rec = (Map<String, Object>) o;
            if (rec.containsKey("pair")) {
                m = Math.max(m, scale(Map.of("v", ((java.util.List<Object>) rec.get("pair")).get(0))));
            } else if (rec.get("vals") instanceof String vals && !vals.isEmpty() && String.valueOf(rec.get("dtype")).startsWith("float")) {
                for (String s : vals.split(" ")) {
                    double v = Scalar.parse(s);
                    if (Double.isFinite(v)) {
                        m = Math.max(m, Math.abs(v));
                    }
                }
            }
        }
        return m;
    }

    private static String lastValue(Interpreter in, DiffCase c, int step) {
        Object v = in.env.get((String) c.steps().get(step).get("v"));
        return v == null ? "" : "\n    library gave:\n" + Comparator.indent(v.toString());
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + ": " + String.valueOf(t.getMessage()).split("\n")[0];
    }

    private static String normal(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
    }
}
