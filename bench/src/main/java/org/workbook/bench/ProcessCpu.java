package org.workbook.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of the whole JVM in nanoseconds, every thread (GC and JIT included),
 * summed from /proc/self/task/N/schedstat. The MXBean's getProcessCpuTime() only
 * moves in 10 ms ticks here, too coarse for a benchmark. Reading all threads costs
 * about a millisecond, so it is read once before and once after a case's batches.
 */
final class ProcessCpu {
    private ProcessCpu() { }

    /** Nanoseconds of CPU used so far, or -1 where /proc is not available. */
    static long nanos() {
        long sum = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                try {
                    String s = Files.readString(t.resolve("schedstat"));
                    sum += Long.parseLong(s.substring(0, s.indexOf(' ')));
                } catch (IOException | RuntimeException e) {
                    // the thread ended between listing and reading: its time is lost, a few µs at most
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return sum;
    }
}
