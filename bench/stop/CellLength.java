import org.workbook.kernel.eval.Evaluator;

/**
 * How a cell's run time grows with its number of statements (bench/cell-length.sh runs it):
 * per statement it should stay flat. Before the splitter's bounded windows, 1,000 one-line
 * statements took 22.5 s and 5,000 took 240 s.
 */
public final class CellLength {
    public static void main(String[] args) throws Exception {
        try (Evaluator ev = Evaluator.create(Evaluator.Options.defaults())) {
            ev.eval("int s0 = 0;\n" + "s0 += 1;\n".repeat(200), "warm-up");
            System.out.printf("Java %s%n%10s %10s %14s%n", Runtime.version(), "statements", "seconds", "ms/statement");
            for (String a : args) {
                int n = Integer.parseInt(a);
                String cell = "int s0 = 0;\n" + "s0 += 1;\n".repeat(n) + "s0";
                long t0 = System.nanoTime();
                Object v = ev.eval(cell, "bench").value();
                double s = (System.nanoTime() - t0) / 1e9;
                if (!Integer.valueOf(n).equals(v)) {
                    throw new AssertionError("wrong sum " + v);
                }
                System.out.printf("%10d %10.2f %14.3f%n", n, s, 1000 * s / n);
            }
        }
    }
}
