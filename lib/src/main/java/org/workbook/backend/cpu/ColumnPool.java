package org.workbook.backend.cpu;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Buffers of the CPU convolution: the columns a forward keeps for its backward, handed back when
 * autograd frees the node, and the scratch buffers of one call (a block's columns, the phase
 * planes), handed back when it returns; handed out again to the next call of the same size. A
 * training loop's convolutions ask for the same sizes every step, and a fresh array costs the JVM
 * about 0.1 ms per MB to zero before any work. A buffer is only handed back once nothing can use
 * it (kept columns once their node can no longer run: a backward without retainGraph freed it);
 * buffers that are never handed back are garbage as usual. At most {@link #PER_SIZE} buffers wait per size,
 * none above {@link #MAX_ELEMENTS} is kept, and all waiting buffers together hold at most
 * {@link #MAX_TOTAL} elements: a notebook that tries many shapes (each a new size) gives the
 * sizes it used least recently back to the garbage collector instead of pinning them.
 */
final class ColumnPool {
    private static final int PER_SIZE = 2;
    private static final int MAX_ELEMENTS = 1 << 24;
    private static final long MAX_TOTAL = 1L << 25;  // 128 MB of floats: a CNN step's buffers fit many times
    /** Waiting buffers by size, least recently used size first (access order). */
    private static final Map<Long, ArrayDeque<Object>> FREE = new LinkedHashMap<>(16, 0.75f, true);
    private static long total;

    private ColumnPool() { }

    /** A float[] (f) or double[] of len elements, with any contents. */
    static synchronized Object take(boolean f, int len) {
        ArrayDeque<Object> q = FREE.get(key(f, len));
        Object a = q == null ? null : q.pollFirst();
        if (a != null) {
            total -= len;
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
        if (q.size() >= PER_SIZE || q.contains(a)) {
            return; // full, or given twice (handing it out twice would let two calls share it)
        }
        q.addFirst(a);
        total += len;
        // Over the cap: drop whole sizes, least recently used first (never the one just given).
        for (Iterator<Map.Entry<Long, ArrayDeque<Object>>> it = FREE.entrySet().iterator();
                total > MAX_TOTAL && it.hasNext(); ) {
            Map.Entry<Long, ArrayDeque<Object>> e = it.next();
            if (e.getValue() != q) {
                total -= (e.getKey() >>> 1) * e.getValue().size();
                it.remove();
            }
        }
    }

    /** Elements held by waiting buffers (for tests). */
    static synchronized long held() {
        return total;
    }

    private static long key(boolean f, int len) {
        return (long) len << 1 | (f ? 1 : 0);
    }
}
