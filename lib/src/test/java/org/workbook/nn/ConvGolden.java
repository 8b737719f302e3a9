package org.workbook.nn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/** Reads the goldens of {@code bench/golden/gen_conv.py} (format described there). */
final class ConvGolden {
    /** One case: its op, dtype, options, tensors by role, grad_fn name and text lines. */
    record Case(String name, String op, DType dtype, Map<String, String> opts, Map<String, Tensor> tensors,
            String gradFn, List<String> text) {
        String opt(String key) {
            String v = opts.get(key);
            if (v == null) {
                throw new IllegalStateException("golden case " + name + " has no option " + key);
            }
            return v;
        }

        int[] ints(String key) {
            String[] parts = opt(key).split(",");
            int[] out = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                out[i] = Integer.parseInt(parts[i].trim());
            }
            return out;
        }

        /** A pair option as (h, w): "2" means (2, 2). */
        int[] pair(String key) {
            int[] v = ints(key);
            return v.length == 1 ? new int[] {v[0], v[0]} : v;
        }

        Tensor t(String role) {
            return tensors.get(role);
        }

        @Override
        public String toString() {
            return name + " " + op + " " + dtype.torchName();
        }
    }

    private ConvGolden() { }

    static List<Case> load() {
        List<Case> out = new ArrayList<>();
        try (InputStream in = ConvGolden.class.getResourceAsStream("/golden/conv/cases.txt.gz");
             BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in),
                 StandardCharsets.UTF_8))) {
            String[] head = null;
            Map<String, String> opts = null;
            Map<String, Tensor> ts = null;
            List<String> text = null;
            String gradFn = null;
            for (String line = r.readLine(); ; line = r.readLine()) {
                if (line == null || line.startsWith("case ")) {
                    if (head != null) {
                        out.add(new Case(head[1], head[2], dtype(head[3]), opts, ts, gradFn, text));
                    }
                    if (line == null) {
                        break;
                    }
                    head = line.split(" ");
                    opts = new LinkedHashMap<>();
                    ts = new LinkedHashMap<>();
                    text = new ArrayList<>();
                    gradFn = null;
                } else if (line.startsWith("opt ")) {
                    String[] p = line.split(" ", 3);
                    opts.put(p[1], p[2]);
                } else if (line.startsWith("t ")) {
                    String[] p = line.split(" ");
                    ts.put(p[1], tensor(p, dtype(head[3])));
                } else if (line.startsWith("gradfn ")) {
                    gradFn = line.substring(7);
                } else if (line.startsWith("text ")) {
                    text.add(line.substring(5));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static DType dtype(String s) {
        return s.equals("float64") ? DType.FLOAT64 : DType.FLOAT32;
    }

    private static Tensor tensor(String[] p, DType dtype) {
        int[] shape = p[2].equals("-") ? new int[0]
            : java.util.Arrays.stream(p[2].split("x")).mapToInt(Integer::parseInt).toArray();
        double[] v = new double[p.length - 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = Double.parseDouble(p[i + 3]);
        }
        return Tensors.fromArray(v, shape).to(dtype);
    }
}
