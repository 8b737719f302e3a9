package org.workbook.backend.cpu;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Buffers of the CPU convolution: the columns a forward keeps for its backward, handed back when
 * autograd frees the node, and the scratch buffers of one call (a block's columns, the phase
 * planes), handed back when it returns; handed out again to the next call of the same size. A
 * training loop's convolutions ask for the same sizes every step, and a fresh array costs the JVM
 * about 0.1 ms per MB to zero before any work. A buffer is only handed back once nothing can use
 * it (kept columns once their node can no longer run: a backward without retainGraph freed it);
 * buffers that are never handed back are garbage as usual. At most {@link #PER_SIZE} buffers wait per size, and
 * none above {@link #MAX_ELEMENTS} is kept.
 */
final class ColumnPool {
    private static final int PER_SIZE = 2;
    private static final int MAX_ELEMENTS = 1 << 24;
    private static final Map<Long, ArrayDeque<Object>> FREE = new HashMap<>();

    private ColumnPool() { }

    /** A float[] (f) or double[] of len elements, with any contents. */
    static synchronized Object take(boolean f, int len) {
        ArrayDeque<Object> q = FREE.get(key(f, len));
        Object a = q == null ? null : q.pollFirst();
        if (a != null) {
            return a;
        }
        return f ? new float[len] : new double[len];
    }

    /** Hands a buffer from {@link #take} back; it must not be used afterwards. */
    static synchronized void give(Object a) {
        boolean f = a instanceof float[];
        int len = f ? ((float[]) a).length : ((double[]) a).length;
        if (len > MAX_ELEMENTS) {
            return;
        }
        ArrayDeque<Object> q = FREE.computeIfAbsent(key(f, len), k -> new ArrayDeque<>());
        if (q.size() < PER_SIZE) {
            q.addFirst(a);
        }
    }

    private static long key(boolean f, int len) {
        return (long) len << 1 | (f ? 1 : 0);
    }
}
