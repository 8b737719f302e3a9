package org.workbook.optim;

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

import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * Reads the goldens of {@code bench/golden/gen_optim.py} and rebuilds their inputs with the
 * same formulas (IEEE operations that round once, so Python and Java agree to the bit).
 */
final class OptimGolden {
    static final int[][] SHAPES = {{7}, {2, 9}};   // as SHAPES in gen_optim.py

    /** One optimizer run: its hyper-parameters and, per step, every parameter's values (row-major). */
    record Case(String name, DType dtype, Map<String, Double> options, List<double[][]> steps) {
        double opt(String key) {
            Double v = options.get(key);
            if (v == null) {
                throw new IllegalStateException("golden case " + name + " has no option " + key);
            }
            return v;
        }

        @Override
        public String toString() {
            return name + " " + dtype.torchName();
        }
    }

    private OptimGolden() { }

    static double init(int j, int i) {
        return ((i * 37 + j * 11) % 29 - 14) / 9.0;
    }

    static double grad(int k, int j, int i) {
        if ((i + k + j) % 11 == 0) {
            return 0.0;
        }
        return ((i * 7919L + k * 104729L + j * 31L) % 1000 - 500) / 397.0;
    }

    /** The parameters at the start, leaves that require grad, in the case's dtype. */
    static List<Tensor> initialParams(DType dtype) {
        List<Tensor> ps = new ArrayList<>();
        for (int j = 0; j < SHAPES.length; j++) {
            int param = j;
            ps.add(filled(dtype, SHAPES[j], i -> init(param, i)).requiresGrad_());
        }
        return ps;
    }

    /** Gradient of parameter j at step k (1-based), in dtype. */
    static Tensor gradient(DType dtype, int k, int j) {
        return filled(dtype, SHAPES[j], i -> grad(k, j, i));
    }

    private static Tensor filled(DType dtype, int[] shape, java.util.function.IntToDoubleFunction f) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (dtype == DType.FLOAT32) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) f.applyAsDouble(i);
            }
            return Tensors.fromArray(v, shape);
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = f.applyAsDouble(i);
        }
        return Tensors.fromArray(v, shape);
    }

    static List<Case> read(String resource) {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = OptimGolden.class.getResourceAsStream("/golden/optim/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource golden/optim/" + resource
                    + ": run /usr/bin/python3 bench/golden/gen_optim.py");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Case cur = null;
            double[][] step = null;
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] w = line.split(" ");
                switch (w[0]) {
                    case "case" -> {
                        cur = new Case(w[1], w[2].equals("float32") ? DType.FLOAT32 : DType.FLOAT64,
                            new LinkedHashMap<>(), new ArrayList<>());
                        cases.add(cur);
                    }
                    case "option" -> cur.options().put(w[1], Double.parseDouble(w[2]));
                    case "step" -> {
                        step = new double[SHAPES.length][];
                        cur.steps().add(step);
                    }
                    case "param" -> {
                        double[] v = new double[w.length - 2];
                        for (int i = 0; i < v.length; i++) {
                            v[i] = Double.parseDouble(w[i + 2]);
                        }
                        step[Integer.parseInt(w[1])] = v;
                    }
                    default -> throw new IllegalStateException("golden/optim/" + resource + ": bad line " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }
}
