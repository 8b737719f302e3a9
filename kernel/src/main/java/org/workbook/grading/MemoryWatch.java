package org.workbook.grading;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Tells out-of-memory from a slow cell. A JVM whose heap is nearly full after
 * every collection spends its time collecting, and would otherwise only end
 * at the time limit; this daemon thread watches the old generation's usage
 * after collections and, when it stays above {@link #FULL} of the heap limit
 * for {@link #STRIKES} collections in a row, calls {@code outOfMemory} (the
 * worker reports it and ends). The callback lives only in this thread's
 * Runnable, never in a static field.
 */
final class MemoryWatch {
    static final double FULL = 0.97;
    static final int STRIKES = 4;

    private MemoryWatch() {
    }

    static void start(Runnable outOfMemory) {
        MemoryPoolMXBean old = null;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported()
                    && p.getUsage().getMax() > 0 && (old == null || p.getUsage().getMax() > old.getUsage().getMax())) {
                old = p;
            }
        }
        if (old == null) {
            return;
        }
        MemoryPoolMXBean pool = old;
        long max = pool.getUsage().getMax();
        Thread t = new Thread(() -> {
            int strikes = 0;
            long lastCount = -1;
            while (true) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
                var after = pool.getCollectionUsage();
                long gcs = gcCount();
                if (after == null || gcs == lastCount) {
                    continue;
                }
                lastCount = gcs;
                strikes = after.getUsed() > FULL * max ? strikes + 1 : 0;
                if (strikes >= STRIKES) {
                    outOfMemory.run();
                    return;
                }
            }
        }, "workbook-memory-watch");
        t.setDaemon(true);
        t.start();
    }

    private static long gcCount() {
        long n = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }
}
