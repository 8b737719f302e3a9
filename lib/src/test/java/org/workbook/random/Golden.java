package org.workbook.random;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the golden files written by {@code bench/golden/gen_random.py}: blocks that start with a
 * {@code seed} line, each followed by {@code call} lines and their {@code =} results.
 */
final class Golden {
    /** One call: its method, its arguments as text, its shape (null for a scalar call), results. */
    record Call(String method, String[] args, int[] shape, String[] values, int line) {
        double arg(int i) {
            return Double.parseDouble(args[i]);
        }

        long longArg(int i) {
            return Long.parseLong(args[i]);
        }

        double[] doubles() {
            return Arrays.stream(values).mapToDouble(Double::parseDouble).toArray();
        }

        long[] longs() {
            return Arrays.stream(values).mapToLong(Long::parseLong).toArray();
        }

        float[] floats() {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = Float.parseFloat(values[i]);
            }
            return f;
        }

        int numel() {
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }

        @Override
        public String toString() {
            return method + " " + String.join(" ", args)
                    + (shape == null ? "" : " shape " + Arrays.toString(shape)) + " (line " + line + ")";
        }
    }

    /** A fresh generator: how it is seeded ("seed" or "seed_array") and the calls made on it. */
    record Block(String kind, String[] seed, List<Call> calls, int line) {
        @Override
        public String toString() {
            return kind + " " + String.join(" ", seed) + " (line " + line + ")";
        }
    }

    private Golden() {
    }

    static List<String> lines(String name) {
        String path = "/golden/random/" + name;
        try (InputStream in = Golden.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the test resources; run "
                        + "python3 bench/golden/gen_random.py");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Block> blocks(String name) {
        List<Block> blocks = new ArrayList<>();
        List<String> lines = lines(name);
        Block current = null;
        for (int i = 0; i < lines.size(); i++) {
            String[] tok = lines.get(i).trim().split("\\s+");
            if (tok[0].isEmpty() || tok[0].startsWith("#")) {
                continue;
            }
            switch (tok[0]) {
                case "seed", "seed_array" -> {
                    current = new Block(tok[0], Arrays.copyOfRange(tok, 1, tok.length),
                            new ArrayList<>(), i + 1);
                    blocks.add(current);
                }
                case "call" -> {
                    if (current == null || i + 1 >= lines.size() || !lines.get(i + 1).startsWith("=")) {
                        throw new IllegalStateException(name + " line " + (i + 1)
                                + ": a call needs a seed line before it and an '=' line after it");
                    }
                    int s = Arrays.asList(tok).indexOf("shape");
                    String[] args = Arrays.copyOfRange(tok, 2, s < 0 ? tok.length : s);
                    int[] shape = s < 0 ? null : Arrays.stream(tok, s + 1, tok.length)
                            .mapToInt(Integer::parseInt).toArray();
                    String result = lines.get(i + 1).substring(1).trim();
                    String[] values = result.isEmpty() ? new String[0] : result.split("\\s+");
                    current.calls().add(new Call(tok[1], args, shape, values, i + 1));
                    i++;
                }
                default -> throw new IllegalStateException(name + " line " + (i + 1)
                        + ": unknown line '" + lines.get(i) + "'");
            }
        }
        return blocks;
    }
}
