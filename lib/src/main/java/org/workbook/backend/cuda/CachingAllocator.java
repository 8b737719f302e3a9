package org.workbook.backend.cuda;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps freed device blocks for reuse, as PyTorch's CUDA caching allocator does:
 * cuMemAlloc and cuMemFree synchronise the device and cost tens of microseconds,
 * while a training step frees and asks for the same sizes again and again. Sizes are
 * rounded up (512 bytes; 2 MiB above 1 MiB) and a cached block is reused for any
 * request it fits without wasting more than half of it. When the driver says no, the
 * allocator lets the garbage collector return unreachable tensors' blocks, then gives
 * the cache back to the driver, and only then fails, saying how much was asked for
 * and how much is free.
 */
final class CachingAllocator {
    static final long SMALL = 512;
    static final long LARGE = 2L << 20;

    private final RawMemory raw;
    private final String deviceName;
    /** Cached (free) blocks by size. */
    private final TreeMap<Long, ArrayDeque<Long>> cached = new TreeMap<>();
    /** Live blocks: pointer to the block's real size. */
    private final Map<Long, Long> live = new HashMap<>();
    private long allocated;
    private long reserved;

    CachingAllocator(RawMemory raw, String deviceName) {
        this.raw = raw;
        this.deviceName = deviceName;
    }

    /** The size a request for {@code bytes} really takes. */
    static long roundUp(long bytes) {
        long unit = bytes <= (1L << 20) ? SMALL : LARGE;
        return Math.max(unit, (bytes + unit - 1) / unit * unit);
    }

    /** A block of at least {@code bytes} (a pointer on the device). */
    long allocate(long bytes) {
        long size = roundUp(bytes);
        long p = takeCached(size);
        if (p != 0) {
            return p;
        }
        p = raw.alloc(size);
        if (p == 0) {
            p = retryAfterCollecting(size);
            if (p != 0 && isLive(p)) {
                return p; // came from the cache after a GC
            }
        }
        synchronized (this) {
            reserved += size;
            allocated += size;
            live.put(p, size);
        }
        return p;
    }

    private synchronized boolean isLive(long p) {
        return live.containsKey(p);
    }

    private synchronized long takeCached(long size) {
        Map.Entry<Long, ArrayDeque<Long>> e = cached.ceilingEntry(size);
        if (e == null || e.getKey() > 2 * size) {
            return 0;
        }
        long p = e.getValue().pop();
        if (e.getValue().isEmpty()) {
            cached.remove(e.getKey());
        }
        allocated += e.getKey();
        live.put(p, e.getKey());
        return p;
    }

    private long retryAfterCollecting(long size) {
        for (int attempt = 0; attempt < 3; attempt++) {
            // Unreachable tensors give their blocks back through a Cleaner, after a GC.
            System.gc();
            try {
                Thread.sleep(20L << attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long p = takeCached(size);
            if (p != 0) {
                return p;
            }
        }
        emptyCache();
        long p = raw.alloc(size);
        if (p != 0) {
            return p;
        }
        long[] info = raw.info();
        throw new CudaOutOfMemoryError(String.format("CUDA out of memory on %s: tried to allocate %s; %s free of %s "
            + "total, %s held by live tensors. Free tensors you no longer need (drop references, or close a "
            + "CudaMemory.scope()), use a smaller batch size, or run on the CPU.",
            deviceName, mib(size), mib(info[0]), mib(info[1]), mib(allocatedBytes())));
    }

    /** Gives block {@code p} back to the cache (not to the driver: reuse is the point). */
    synchronized void release(long p) {
        Long size = live.remove(p);
        if (size == null) {
            throw new IllegalStateException("device block 0x" + Long.toHexString(p) + " released twice or never "
                + "allocated by this allocator");
        }
        allocated -= size;
        cached.computeIfAbsent(size, k -> new ArrayDeque<>()).push(p);
    }

    /** Returns every cached block to the driver (torch.cuda.empty_cache()). */
    synchronized void emptyCache() {
        for (Map.Entry<Long, ArrayDeque<Long>> e : cached.entrySet()) {
            for (long p : e.getValue()) {
                raw.free(p);
                reserved -= e.getKey();
            }
        }
        cached.clear();
    }

    synchronized long allocatedBytes() {
        return allocated;
    }

    synchronized long reservedBytes() {
        return reserved;
    }

    synchronized int cachedBlocks() {
        return cached.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    static String mib(long bytes) {
        return bytes < (1L << 20) ? bytes + " bytes" : String.format("%.2f MiB", bytes / 1048576.0);
    }
}
