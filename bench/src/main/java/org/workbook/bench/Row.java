package org.workbook.bench;

/**
 * One line of the comparison: a case, our timing and torch's (null when torch did not run it), the
 * cores other processes used while each side measured it (NaN when unknown), and both sides again on
 * two threads (null when not measured).
 */
record Row(BenchCase c, Timing.Result ours, Timing.Result torch, double oursBusy, double torchBusy,
           double oursAccuracy, double torchAccuracy, Timing.Result ours2, Timing.Result torch2) {

    Row(BenchCase c, Timing.Result ours, Timing.Result torch, double oursBusy, double torchBusy) {
        this(c, ours, torch, oursBusy, torchBusy, Double.NaN, Double.NaN, null, null);
    }

    /** The same case with both sides on {@link Compare#THREADS} threads: ours2 / torch2, NaN without both. */
    double ratio2() {
        return ours2 == null || torch2 == null || torch2.medianNs() <= 0 ? Double.NaN
            : ours2.medianNs() / torch2.medianNs();
    }

    /** ours / torch on the median time per call, NaN without a torch figure. */
    double ratio() {
        return torch == null || torch.medianNs() <= 0 ? Double.NaN : ours.medianNs() / torch.medianNs();
    }

    /** The same ratio in process CPU time: the cross-check when the machine was busy. */
    double cpuRatio() {
        return torch == null || !(torch.cpuMeanNs() > 0) ? Double.NaN : ours.cpuMeanNs() / torch.cpuMeanNs();
    }

    /** PASS or MISS against the target, "-" for cases without one, "n/a" without torch. */
    String verdict() {
        if (!c.hasTarget()) {
            return "-";
        }
        double r = ratio();
        if (Double.isNaN(r)) {
            return "n/a";
        }
        if (c.throughput() != null) {
            return percentOfTorch() >= c.throughput().minPercentOfTorch() ? "PASS" : "MISS";
        }
        return r <= c.target() ? "PASS" : "MISS";
    }

    /** For a throughput case: our rate as a percentage of torch's (torch's time / ours), NaN without torch. */
    double percentOfTorch() {
        return 100 / ratio();
    }

    static String time(double ns) {
        if (Double.isNaN(ns)) {
            return "-";
        }
        if (ns < 1e3) {
            return String.format("%.0f ns", ns);
        }
        if (ns < 1e6) {
            return sig3(ns / 1e3) + " µs";
        }
        if (ns < 1e9) {
            return sig3(ns / 1e6) + " ms";
        }
        return sig3(ns / 1e9) + " s";
    }

    private static String sig3(double v) {
        return v >= 100 ? String.format("%.0f", v) : v >= 10 ? String.format("%.1f", v) : String.format("%.2f", v);
    }
}
