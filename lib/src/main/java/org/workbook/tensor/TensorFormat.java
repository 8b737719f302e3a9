package org.workbook.tensor;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints tensors exactly as PyTorch 1.13's defaults do (torch/_tensor_str.py):
 * 4 decimals, integer-valued floats as {@code 3.}, scientific notation when the
 * magnitudes span more than 1000x (or exceed 1e8, or go under 1e-4), columns
 * right-aligned to the widest value, 80-character lines, and past 1000 elements
 * only the first and last 3 along each dimension with {@code ...}.
 */
final class TensorFormat {
    static final int PRECISION = 4;
    static final int THRESHOLD = 1000;
    static final int EDGE = 3;
    static final int LINEWIDTH = 80;

    private TensorFormat() { }

    /** How every element of one tensor is written (torch's _Formatter). */
    private static final class Formatter {
        final boolean floating;
        boolean intMode = true;
        boolean sciMode;
        int width = 1;

        Formatter(Tensor t, List<Number> values) {
            floating = t.dtype().isFloatingPoint();
            if (!floating) {
                for (Number v : values) {
                    width = Math.max(width, plain(t, v).length());
                }
                return;
            }
            List<Double> nz = new ArrayList<>();
            for (Number n : values) {
                double v = n.doubleValue();
                if (!Double.isNaN(v) && !Double.isInfinite(v) && v != 0) {
                    nz.add(v);
                }
            }
            if (nz.isEmpty()) {
                return;
            }
            double min = Double.POSITIVE_INFINITY;
            double max = 0;
            for (double v : nz) {
                min = Math.min(min, Math.abs(v));
                max = Math.max(max, Math.abs(v));
                if (v != Math.ceil(v)) {
                    intMode = false;
                }
            }
            if (intMode) {
                sciMode = max / min > 1000. || max > 1.e8;
            } else {
                sciMode = max / min > 1000. || max > 1.e8 || min < 1.e-4;
            }
            for (double v : nz) {
                String s = sciMode ? sci(v) : intMode ? fixed(v, 0) : fixed(v, PRECISION);
                width = Math.max(width, s.length() + (intMode && !sciMode ? 1 : 0));
            }
        }

        String format(Tensor t, Number n) {
            String s;
            double v = n.doubleValue();
            if (!floating) {
                s = plain(t, n);
            } else if (sciMode) {
                s = sci(v);
            } else if (intMode) {
                s = fixed(v, 0);
                if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                    s += ".";
                }
            } else {
                s = fixed(v, PRECISION);
            }
            return " ".repeat(Math.max(0, width - s.length())) + s;
        }
    }

    private static String plain(Tensor t, Number v) {
        if (t.dtype() == DType.BOOL) {
            return v.longValue() != 0 ? "True" : "False";
        }
        return Long.toString(v.longValue());
    }

    /**
     * One element as a number: a Long for integral dtypes, so int64 values past 2^53 print exactly
     * (9007199254740993 would print as ...992 through a double), a Double for floating ones.
     */
    private static Number value(Tensor t, int... idx) {
        return t.dtype().isFloatingPoint() ? (Number) t.getDouble(idx) : (Number) t.getLong(idx);
    }

    /** Python's '{:.Nf}': correctly rounded, ties to even, on the exact binary value. */
    static String fixed(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String s = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        if ((v < 0 || (v == 0 && 1 / v < 0)) && !s.startsWith("-")) {
            s = "-" + s; // -0.0 and values that round to zero keep their sign, as in Python
        }
        return s;
    }

    /** Python's '{:.4e}': mantissa with 4 decimals, exponent signed with at least 2 digits. */
    static String sci(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return fixed(v, 0);
        }
        if (v == 0) {
            return (1 / v < 0 ? "-" : "") + "0." + "0".repeat(PRECISION) + "e+00";
        }
        BigDecimal b = new BigDecimal(v).round(new MathContext(PRECISION + 1, RoundingMode.HALF_EVEN));
        int exp = b.precision() - b.scale() - 1;
        BigDecimal mant = b.movePointLeft(exp).setScale(PRECISION, RoundingMode.HALF_EVEN);
        String e = Integer.toString(Math.abs(exp));
        return mant.toPlainString() + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
    }

    static String format(Tensor t) {
        String prefix = "tensor(";
        int indent = prefix.length();
        List<String> suffixes = new ArrayList<>();
        if (!t.device().isCpu()) {
            suffixes.add("device='" + t.device() + "'");
        }
        boolean defaultType = t.dtype() == DType.FLOAT32 || t.dtype() == DType.INT64 || t.dtype() == DType.BOOL;
        String body;
        if (t.numel() == 0) {
            if (t.ndim() != 1) {
                suffixes.add("size=" + pyTuple(t.shapeArray()));
            }
            if (t.dtype() != DType.FLOAT32) {
                suffixes.add("dtype=" + t.dtype().torchName());
            }
            body = "[]";
        } else {
            if (!defaultType) {
                suffixes.add("dtype=" + t.dtype().torchName());
            }
            boolean summarize = t.numel() > THRESHOLD;
            // One copy off the GPU rather than a device read per printed element.
            Tensor v = t.device().isCpu() ? t : Transfers.copyTo(t, Device.CPU);
            Formatter f = new Formatter(v, summarize ? summarized(v) : all(v));
            body = str(v, indent, summarize, f);
        }
        if (t.gradFn() != null) {
            suffixes.add("grad_fn=<" + t.gradFn().name() + ">");
        } else if (t.requiresGrad()) {
            suffixes.add("requires_grad=True");
        }
        StringBuilder sb = new StringBuilder(prefix).append(body);
        int lastLine = sb.length() - sb.lastIndexOf("\n") + 1; // torch's own arithmetic, kept as is
        for (String s : suffixes) {
            if (lastLine + s.length() + 2 > LINEWIDTH) {
                sb.append(",\n").append(" ".repeat(indent)).append(s);
                lastLine = indent + s.length();
            } else {
                sb.append(", ").append(s);
                lastLine += s.length() + 2;
            }
        }
        return sb.append(')').toString();
    }

    private static String pyTuple(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private static List<Number> all(Tensor t) {
        List<Number> l = new ArrayList<>(t.numel());
        if (t.dtype().isFloatingPoint()) {
            for (double v : t.toDoubleArray()) {
                l.add(v);
            }
        } else {
            for (long v : t.toLongArray()) {
                l.add(v);
            }
        }
        return l;
    }

    /** The elements that will be printed when summarising: EDGE at each end of each dim. */
    private static List<Number> summarized(Tensor t) {
        List<Number> out = new ArrayList<>();
        collect(t, out);
        return out;
    }

    private static void collect(Tensor t, List<Number> out) {
        if (t.ndim() == 0) {
            out.add(value(t));
            return;
        }
        int n = t.size(0);
        for (int i = 0; i < n; i++) {
            if (n > 2 * EDGE && i == EDGE) {
                i = n - EDGE;
            }
            collect(t.select(0, i), out);
        }
    }

    private static String str(Tensor t, int indent, boolean summarize, Formatter f) {
        int dim = t.ndim();
        if (dim == 0) {
            return f.format(t, value(t));
        }
        if (dim == 1) {
            return vector(t, indent, summarize, f);
        }
        List<String> slices = new ArrayList<>();
        int n = t.size(0);
        for (int i = 0; i < n; i++) {
            if (summarize && n > 2 * EDGE && i == EDGE) {
                slices.add("...");
                i = n - EDGE;
            }
            slices.add(str(t.select(0, i), indent + 1, summarize, f));
        }
        String sep = "," + "\n".repeat(dim - 1) + " ".repeat(indent + 1);
        return "[" + String.join(sep, slices) + "]";
    }

    private static String vector(Tensor t, int indent, boolean summarize, Formatter f) {
        int elementLength = f.width + 2;
        int perLine = Math.max(1, (int) Math.floor((LINEWIDTH - indent) / (double) elementLength));
        List<String> data = new ArrayList<>();
        int n = t.size(0);
        for (int i = 0; i < n; i++) {
            if (summarize && n > 2 * EDGE && i == EDGE) {
                data.add(" ...");
                i = n - EDGE;
            }
            data.add(f.format(t, value(t, i)));
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < data.size(); i += perLine) {
            lines.add(String.join(", ", data.subList(i, Math.min(data.size(), i + perLine))));
        }
        return "[" + String.join(",\n" + " ".repeat(indent + 1), lines) + "]";
    }
}
