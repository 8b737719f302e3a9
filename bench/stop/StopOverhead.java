import org.workbook.kernel.eval.Evaluator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the stop polls cost a tight loop in a cell (bench/stop-overhead.sh runs it).
 * The same methods are defined twice in one JShell: once loaded with the polls
 * (as every cell is), once without (-Dworkbook.noStopPolls while that cell loads);
 * then calls alternate, and the medians are compared.
 */
public final class StopOverhead {
    static final String[] KERNELS = {
        // a counting loop: one backward branch per few instructions, the worst case
        "long count%s(long n) { long s = 0; for (long i = 0; i < n; i++) { s += i ^ (s >>> 3); } return s; }",
        // nested loops over arrays, as a student's own matrix product
        "double mm%s(int n) { double[] a = new double[n * n], b = new double[n * n], c = new double[n * n];"
                + " for (int i = 0; i < n * n; i++) { a[i] = i %% 7; b[i] = i %% 5; }"
                + " for (int i = 0; i < n; i++) for (int k = 0; k < n; k++) { double x = a[i * n + k];"
                + " for (int j = 0; j < n; j++) c[i * n + j] += x * b[k * n + j]; } return c[n + 1]; }",
        // a method call per iteration: the poll at method entry
        "int inc%s(int x) { return x + 1; }\nlong calls%s(long n) { long s = 0; for (long i = 0; i < n; i++) { s += inc%s((int) (s ^ i)); } return s; }",
    };
    static final String[] CALLS = {"count%s(400_000_000L)", "mm%s(400)", "calls%s(300_000_000L)"};

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        try (Evaluator ev = Evaluator.create(Evaluator.Options.defaults())) {
            ev.eval("double sinkOn = 0, sinkOff = 0;", "bench");
            for (int i = 0; i < KERNELS.length; i++) {
                // The timer is in the same class as the loop, so compiling cells is never timed.
                String timer = "\ndouble t" + i + "%s() { long t0 = System.nanoTime(); var r = " + CALLS[i]
                        + "; sink%s += (double) r; return (System.nanoTime() - t0) / 1e6; }";
                ev.eval((KERNELS[i] + timer).replace("%s", "On").replace("%%", "%"), "bench");
                System.setProperty("workbook.noStopPolls", "true");
                ev.eval((KERNELS[i] + timer).replace("%s", "Off").replace("%%", "%"), "bench");
                System.clearProperty("workbook.noStopPolls");
            }
            System.out.printf("Java %s, %s%n", Runtime.version(), System.getProperty("os.arch"));
            System.out.printf("%-26s %10s %10s %9s%n", "loop", "polls ms", "none ms", "overhead");
            for (int i = 0; i < CALLS.length; i++) {
                String call = CALLS[i];
                List<Double> on = new ArrayList<>();
                List<Double> off = new ArrayList<>();
                for (int r = 0; r < rounds + 2; r++) {
                    double a = (Double) ev.eval("t" + i + "On()", "bench").value();
                    double b = (Double) ev.eval("t" + i + "Off()", "bench").value();
                    if (r >= 2) { // the first two rounds warm the JIT up
                        on.add(a);
                        off.add(b);
                    }
                }
                double mOn = median(on);
                double mOff = median(off);
                System.out.printf("%-26s %10.1f %10.1f %8.1f%%%n", call.replace("%s", ""), mOn, mOff, 100 * (mOn / mOff - 1));
            }
        }
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
