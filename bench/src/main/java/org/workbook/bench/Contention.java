package org.workbook.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much CPU other processes used while we measured, from /proc (Linux only;
 * elsewhere it reports nothing). On a shared 2-core machine a figure above ~0.1
 * cores means the timings were disturbed; bench/compare_torch.py measures the same.
 */
final class Contention {
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on every Linux we target

    private final long busy0;
    private final long self0;
    private final long wall0;

    private Contention(long busy0, long self0, long wall0) {
        this.busy0 = busy0;
        this.self0 = self0;
        this.wall0 = wall0;
    }

    static Contention start() {
        return new Contention(machineBusyTicks(), selfTicks(), System.nanoTime());
    }

    /** Cores used by other processes on average since start(), or NaN when /proc is not there. */
    double otherProcessesCores() {
        long busy = machineBusyTicks();
        long self = selfTicks();
        if (busy < 0 || self < 0 || busy0 < 0 || self0 < 0) {
            return Double.NaN;
        }
        double seconds = (System.nanoTime() - wall0) / 1e9;
        double other = ((busy - busy0) - (self - self0)) / TICKS_PER_SECOND;
        return Math.max(0, other / seconds);
    }

    /** user + nice + system + irq + softirq + steal over all CPUs (idle and iowait left out). */
    private static long machineBusyTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long sum = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                sum += Long.parseLong(f[i]);
            }
            return sum;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime of this process, every thread (JIT and GC included). */
    private static long selfTicks() {
        try {
            String s = Files.readString(Path.of("/proc/self/stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
