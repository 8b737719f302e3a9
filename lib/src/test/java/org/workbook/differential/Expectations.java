package org.workbook.differential;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The lists of cases allowed to differ: bydesign.txt (differences the library keeps on purpose,
 * each with its reason) and pending.txt (library bugs not fixed yet). A line is a case id or a
 * glob over ids ("factories-*"), then the reason; '#' starts a comment. A listed case that
 * matches torch again fails the suite, so neither list can go stale.
 */
final class Expectations {
    private final Map<String, String> exact = new LinkedHashMap<>();
    private final Map<Pattern, String> globs = new LinkedHashMap<>();
    final String file;

    private Expectations(String file) {
        this.file = file;
    }

    static Expectations load(String name) {
        Expectations e = new Expectations(name);
        try (InputStream in = Expectations.class.getResourceAsStream("/golden/differential/" + name)) {
            if (in == null) {
                return e;
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                String[] parts = s.split("\\s+", 2);
                String reason = parts.length > 1 ? parts[1] : "";
                if (parts[0].contains("*")) {
                    e.globs.put(Pattern.compile(Pattern.quote(parts[0]).replace("*", "\\E.*\\Q")), reason);
                } else {
                    e.exact.put(parts[0], reason);
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return e;
    }

    /** The reason this case is listed, or null. */
    String reason(String id) {
        String r = exact.get(id);
        if (r != null) {
            return r;
        }
        for (Map.Entry<Pattern, String> g : globs.entrySet()) {
            if (g.getKey().matcher(id).matches()) {
                return g.getValue();
            }
        }
        return null;
    }

    int size() {
        return exact.size() + globs.size();
    }
}
