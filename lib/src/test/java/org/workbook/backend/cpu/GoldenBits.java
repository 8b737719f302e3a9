package org.workbook.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The golden files of float bits that bench/golden's scripts write: blocks of a {@code case ...} header
 * followed by tagged lines of hex float32 bits ({@code x 3f800000 ...}), a blank line between blocks.
 */
final class GoldenBits {
    /** One block: the header's words (after "case") and each tagged line's floats, in file order. */
    record Block(String[] header, Map<String, float[]> lines) {
        float[] get(String tag) {
            return lines.get(tag);
        }
    }

    private GoldenBits() { }

    /** The blocks of a test resource, failing with the script to run when it is missing. */
    static List<Block> read(String resource, String script) throws IOException {
        List<Block> blocks = new ArrayList<>();
        try (InputStream in = GoldenBits.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is missing: run " + script);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Block block = null;
            for (String line; (line = r.readLine()) != null; ) {
                String t = line.trim();
                if (t.startsWith("case ")) {
                    block = new Block(t.substring(5).split(" "), new LinkedHashMap<>());
                    blocks.add(block);
                } else if (t.isEmpty() || t.startsWith("#")) {
                    block = null;
                } else if (block != null) {
                    int sp = t.indexOf(' ');
                    block.lines().put(sp < 0 ? t : t.substring(0, sp), floats(sp < 0 ? "" : t.substring(sp + 1)));
                }
            }
        }
        return blocks;
    }

    /** Space-separated hex bits of float32 values. */
    static float[] floats(String hex) {
        if (hex.isBlank()) {
            return new float[0];
        }
        String[] p = hex.trim().split(" ");
        float[] v = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            v[i] = Float.intBitsToFloat(Integer.parseUnsignedInt(p[i], 16));
        }
        return v;
    }

    /** Asserts the blocks' count, naming the file. */
    static void assertCount(int want, List<?> cases, String resource) {
        assertEquals(want, cases.size(), "cases in " + resource);
    }
}
