package org.workbook.differential;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.ValuesIndices;

/**
 * Compares one var (or one leaf's grad) with torch's record: dtype, shape, values, printed
 * string, requires_grad and grad_fn name. Integers, bools and values that only move data
 * (views, indexing, joins, plain IEEE arithmetic) must match to the bit; where float
 * rounding can differ (transcendental functions, reductions, matmul, anything after them,
 * and gradients) a few units in the last place are allowed, and a printed string that then
 * differs only in a last digit is a note, not a mismatch.
 */
final class Comparator {
    /** Ops whose float results IEEE fixes exactly: a case of only these is compared bit for bit. */
    static final Set<String> EXACT_OPS = Set.of("input", "add", "sub", "mul", "div", "rsub", "neg", "abs",
            "relu", "square", "sign", "floor", "ceil", "round", "lt", "le", "gt", "ge", "eq", "ne", "maximum",
            "minimum", "logical_and", "logical_or", "logical_xor", "logical_not", "clamp", "clamp_min",
            "clamp_max", "where", "view", "reshape", "expand", "permute", "transpose", "t", "unsqueeze",
            "squeeze", "flatten", "select", "narrow", "contiguous", "clone", "detach", "to", "float", "double",
            "long", "int", "bool", "get", "set", "cat", "stack", "max", "min", "argmax", "argmin", "all", "any",
            "get_values", "get_indices", "add_", "sub_", "mul_", "div_", "neg_", "relu_", "clamp_", "zero_",
            "fill_", "copy_", "zeros_like", "ones_like", "eye", "full", "leaky_relu");

    /** Allowed error, in units of the dtype's epsilon times the tensor's largest magnitude. */
    static final double ULPS = 32;

    private final Report report;
    private final boolean exact;
    private final boolean float32Seen;
    private final double caseScale;

    /**
     * @param exact        every op of the case has an IEEE-exact result: compare bit for bit
     * @param float32Seen  a float32 tensor takes part, so even float64 results (e.g. the grad of a
     *                     float64 leaf used in float32 arithmetic) may carry float32 rounding
     * @param caseScale    the largest finite magnitude torch recorded anywhere in the case: a sum
     *                     that cancels is only as exact as its largest terms
     */
    Comparator(Report report, boolean exact, boolean float32Seen, double caseScale) {
        this.report = report;
        this.exact = exact;
        this.float32Seen = float32Seen;
        this.caseScale = caseScale;
    }

    /** Ops that sum products, where the sign of an all-zero sum depends on the accumulator. */
    static final Set<String> ACCUMULATING = Set.of("sum", "mean", "var", "std", "matmul", "mm", "dot", "outer",
            "linear", "grad");

    private boolean accumulates;

    /** Compares a var made by op (or a grad, op "grad"). */
    void compare(String what, Map<String, Object> exp, Object actual, String op) {
        accumulates = ACCUMULATING.contains(op);
        compare(what, exp, actual);
    }

    @SuppressWarnings("unchecked")
    private void compare(String what, Map<String, Object> exp, Object actual) {
        if (exp.containsKey("pair")) {
            if (!(actual instanceof ValuesIndices vi)) {
                report.mismatch("type", what + ": torch gave values and indices, the library " + kind(actual));
                return;
            }
            List<Object> pair = (List<Object>) exp.get("pair");
            compare(what + ".values", (Map<String, Object>) pair.get(0), vi.values());
            compare(what + ".indices", (Map<String, Object>) pair.get(1), vi.indices());
            return;
        }
        if (exp.containsKey("py")) {  // a Python value (equal, allclose): True/False
            String mine = actual instanceof Boolean b ? (b ? "True" : "False") : String.valueOf(actual);
            if (!exp.get("py").equals(mine)) {
                report.mismatch("value", what + ": " + exp.get("py") + " in torch, " + mine + " in the library");
            }
            return;
        }
        if (!(actual instanceof Tensor t)) {
            report.mismatch("type", what + ": torch gave a tensor, the library " + kind(actual));
            return;
        }
        String dt = (String) exp.get("dtype");
        int[] shape = StructureCalls.ints(exp.get("shape"));
        boolean sameDtype = dt.equals(Interpreter.dtypeName(t.dtype()));
        if (!sameDtype) {
            report.mismatch("dtype", what + ": dtype torch." + dt + " vs " + t.dtype());
        }
        if (!Arrays.equals(shape, t.shapeArray())) {
            report.mismatch("shape", what + ": shape " + Arrays.toString(shape) + " vs " + Arrays.toString(t.shapeArray()));
            return;
        }
        int agree = sameDtype ? values(what, (String) exp.get("vals"), t) : DIFFERENT;
        String str = (String) exp.get("str");
        String mine = t.toString();
        // A different grad_fn is reported once, below, not again as a printing difference;
        // values that differ were reported already, so their printing is not compared.
        if (agree != DIFFERENT && !withoutGradFn(str).equals(withoutGradFn(mine))) {
            if (agree == IDENTICAL) {
                report.mismatch("print", what + ": printed\n" + indent(str) + "\n  vs\n" + indent(mine));
            } else {
                report.note(what + ": printed differently after a last-digit difference:\n" + indent(str) + "\n  vs\n" + indent(mine));
            }
        }
        boolean rg = Boolean.TRUE.equals(exp.get("rg"));
        if (rg != t.requiresGrad()) {
            report.mismatch("requires_grad", what + ": requires_grad " + rg + " vs " + t.requiresGrad());
        }
        // torch's grad_fn.name() namespaces the two C++-only nodes ("torch::autograd::CopySlices"); the
        // printed tensor shows the class name (grad_fn=<CopySlices>), which is the library's name.
        String fn = exp.get("fn") == null ? null : ((String) exp.get("fn")).replace("torch::autograd::", "");
        String myFn = t.gradFn() == null ? null : t.gradFn().name();
        if (!java.util.Objects.equals(fn, myFn)) {
            report.mismatch("grad_fn", what + ": grad_fn " + fn + " vs " + myFn);
        }
    }

    private static final int IDENTICAL = 0;
    private static final int CLOSE = 1;
    private static final int DIFFERENT = 2;

    /** Compares the values: IDENTICAL bit for bit, CLOSE within rounding, or DIFFERENT (reported). */
    private int values(String what, String vals, Tensor t) {
        String[] tok = vals.isEmpty() ? new String[0] : vals.split(" ");
        DType d = t.dtype();
        if (!d.isFloatingPoint()) {
            long[] mine = d == DType.BOOL ? bools(t) : t.toLongArray();
            for (int i = 0; i < tok.length; i++) {
                if (Long.parseLong(tok[i]) != mine[i]) {
                    report.mismatch("value", what + ": element " + i + " is " + tok[i] + " in torch, " + mine[i]
                            + " in the library" + excerpt(vals, mine));
                    return DIFFERENT;
                }
            }
            return IDENTICAL;
        }
        double[] mine = t.toDoubleArray();
        double scale = caseScale;
        for (String s : tok) {
            double e = Scalar.parse(s);
            if (Double.isFinite(e)) {
                scale = Math.max(scale, Math.abs(e));
            }
        }
        double eps = d == DType.FLOAT32 || float32Seen ? 0x1p-23 : 0x1p-52;
        boolean identical = true;
        for (int i = 0; i < tok.length; i++) {
            double e = Scalar.parse(tok[i]);
            double m = mine[i];
            if (Double.doubleToLongBits(e) == Double.doubleToLongBits(m) || (Double.isNaN(e) && Double.isNaN(m))) {
                continue;
            }
            identical = false;
            boolean bothZero = e == 0 && m == 0;
            // A sum of negative zeros is -0. in torch; an accumulator that starts at +0. (the
            // library's matmul, reductions and gradient sums) gives +0.: rounding, not semantics. The reverse,
            // -0. where torch has +0., is what a mask multiplied into a gradient leaves: reported.
            boolean sumOfZeros = bothZero && accumulates && 1 / e < 0 && 1 / m > 0;
            boolean close = !exact && Double.isFinite(e) && Double.isFinite(m) && (!bothZero || sumOfZeros)
                    && Math.abs(e - m) <= ULPS * eps * Math.max(Math.abs(e), scale);
            if (!close) {
                report.mismatch(bothZero ? "signed zero" : "value", what + ": element " + i + " is " + tok[i]
                        + " in torch, " + m + " in the library" + excerpt(vals, mine));
                return DIFFERENT;
            }
        }
        return identical ? IDENTICAL : CLOSE;
    }

    private static String withoutGradFn(String s) {
        return s.replaceAll(", grad_fn=<\\w+>", "");
    }

    private static long[] bools(Tensor t) {
        boolean[] b = t.toBooleanArray();
        long[] l = new long[b.length];
        for (int i = 0; i < b.length; i++) {
            l[i] = b[i] ? 1 : 0;
        }
        return l;
    }

    private static String excerpt(String vals, Object mine) {
        String m = mine instanceof long[] l ? Arrays.toString(l) : Arrays.toString((double[]) mine);
        return vals.length() > 200 ? "" : "\n    torch:   [" + vals.replace(" ", ", ") + "]\n    library: " + m;
    }

    private static String kind(Object o) {
        return o == null ? "nothing" : "a " + o.getClass().getSimpleName();
    }

    static String indent(String s) {
        return "    " + s.replace("\n", "\n    ");
    }
}
