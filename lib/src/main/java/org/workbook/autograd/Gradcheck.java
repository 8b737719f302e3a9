package org.workbook.autograd;

import java.util.Arrays;
import java.util.function.Function;

import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;

/**
 * Checks analytic gradients against central differences in float64, as
 * torch.autograd.gradcheck: for each input element, (f(x+h) - f(x-h)) / 2h of
 * the sum of the output weighted by a fixed random-ish vector, against backward.
 *
 * <pre>{@code
 * jshell> Gradcheck.check(xs -> xs[0].exp().mul(xs[1]).sum(), randn(3).toDouble(), randn(3).toDouble())
 * $1 ==> Gradcheck.Result[ok=true, worstAbsError=2.1e-10, ...]
 * }</pre>
 */
public final class Gradcheck {
    private Gradcheck() { }

    /** The outcome: the largest error found and where. */
    public record Result(boolean ok, double worstAbsError, int input, int element, double analytic, double numeric) {
        @Override
        public String toString() {
            return ok ? String.format("gradcheck passed (worst |analytic - numeric| = %.3g)", worstAbsError)
                : String.format("gradcheck FAILED at input %d, element %d: analytic %.8g vs numeric %.8g (|diff| %.3g)",
                input, element, analytic, numeric, worstAbsError);
        }
    }

    public static Result check(Function<Tensor[], Tensor> fn, Tensor... inputs) {
        return check(fn, 1e-6, 1e-5, 1e-3, inputs);
    }

    /**
     * @param eps step for the differences; atol/rtol: tolerated |a - n| <= atol + rtol * |n|.
     * Inputs are converted to contiguous float64 leaves that require grad.
     */
    public static Result check(Function<Tensor[], Tensor> fn, double eps, double atol, double rtol, Tensor... inputs) {
        Tensor[] xs = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            xs[i] = inputs[i].detach().to(DType.FLOAT64).contiguous().clone().requiresGrad_();
        }
        Tensor out = fn.apply(xs);
        // Weight the outputs so every element of a non-scalar output matters, not only their sum.
        Tensor w = weights(out.numel()).reshape(out.shapeArray()).to(DType.FLOAT64);
        out.mul(w).sum().backward();
        double worst = 0;
        Result worstResult = new Result(true, 0, -1, -1, 0, 0);
        for (int i = 0; i < xs.length; i++) {
            double[] data = xs[i].storage().doubles();
            Tensor g = xs[i].grad();
            double[] analytic = g == null ? new double[data.length] : g.toDoubleArray();
            for (int e = 0; e < data.length; e++) {
                double keep = data[e];
                data[e] = keep + eps;
                double plus = eval(fn, xs, w);
                data[e] = keep - eps;
                double minus = eval(fn, xs, w);
                data[e] = keep;
                double numeric = (plus - minus) / (2 * eps);
                double err = Math.abs(analytic[e] - numeric);
                boolean bad = err > atol + rtol * Math.abs(numeric);
                if (bad || err > worst) {
                    worst = Math.max(worst, err);
                    worstResult = new Result(!bad && worstResult.ok(), err, i, e, analytic[e], numeric);
                    if (bad) {
                        return worstResult;
                    }
                }
            }
        }
        return worstResult;
    }

    private static double eval(Function<Tensor[], Tensor> fn, Tensor[] xs, Tensor w) {
        try (GradMode.Scope s = GradMode.noGrad()) {
            return fn.apply(xs).to(DType.FLOAT64).mul(w).sum().item();
        }
    }

    private static Tensor weights(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 1.0 + 0.37 * ((i * 7919) % 13) / 13.0;
        }
        return org.workbook.tensor.Tensors.fromArray(v, n);
    }

    /** Throws with the worst element when the check fails (for tests). */
    public static void assertOk(Function<Tensor[], Tensor> fn, Tensor... inputs) {
        Result r = check(fn, inputs);
        if (!r.ok()) {
            throw new AssertionError(r + " for inputs of shapes "
                + Arrays.toString(Arrays.stream(inputs).map(t -> Arrays.toString(t.shapeArray())).toArray()));
        }
    }
}
