package org.workbook.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The caching allocator's bookkeeping, against a pretend device (a map of blocks with a capacity). */
class CachingAllocatorTest {
    /** A device with {@code capacity} bytes that hands out increasing addresses. */
    static final class FakeMemory implements RawMemory {
        final long capacity;
        final Map<Long, Long> blocks = new HashMap<>();
        long next = 0x7000_0000L;
        int allocs;
        int frees;

        FakeMemory(long capacity) {
            this.capacity = capacity;
        }

        long used() {
            return blocks.values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public long alloc(long bytes) {
            if (used() + bytes > capacity) {
                return 0;
            }
            allocs++;
            long p = next;
            next += bytes;
            blocks.put(p, bytes);
            return p;
        }

        @Override
        public void free(long pointer) {
            frees++;
            if (blocks.remove(pointer) == null) {
                throw new AssertionError("freed an unknown block");
            }
        }

        @Override
        public long[] info() {
            return new long[] {capacity - used(), capacity};
        }
    }

    @Test
    void roundsSizesAsTorchDoes() {
        assertEquals(512, CachingAllocator.roundUp(1));
        assertEquals(512, CachingAllocator.roundUp(512));
        assertEquals(1024, CachingAllocator.roundUp(513));
        assertEquals(1L << 20, CachingAllocator.roundUp(1L << 20));
        assertEquals(2L << 20, CachingAllocator.roundUp((1L << 20) + 1));
        assertEquals(4L << 20, CachingAllocator.roundUp((2L << 20) + 1));
    }

    @Test
    void reusesFreedBlocksWithoutAskingTheDriver() {
        FakeMemory m = new FakeMemory(1L << 30);
        CachingAllocator a = new CachingAllocator(m, "cuda:0 (fake)");
        long p = a.allocate(1000);
        a.release(p);
        assertEquals(p, a.allocate(900), "a cached block that fits is reused");
        assertEquals(1, m.allocs);
        long q = a.allocate(100_000);
        assertNotEquals(p, q);
        assertEquals(1024 + 100_352, a.allocatedBytes());
        a.release(q);
        long r = a.allocate(20_000);
        assertNotEquals(q, r, "a block more than twice the request is not wasted on it");
        assertEquals(3, m.allocs);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.release(q));
        assertTrue(e.getMessage().contains("released twice"), e.getMessage());
    }

    @Test
    void emptyCacheGivesOnlyFreeBlocksBack() {
        FakeMemory m = new FakeMemory(1L << 30);
        CachingAllocator a = new CachingAllocator(m, "cuda:0 (fake)");
        long live = a.allocate(4096);
        a.release(a.allocate(8192));
        assertEquals(4096 + 8192, a.reservedBytes());
        a.emptyCache();
        assertEquals(1, m.frees);
        assertEquals(4096, a.reservedBytes());
        assertEquals(4096, a.allocatedBytes());
        a.release(live);
        assertEquals(0, a.allocatedBytes());
    }

    @Test
    void outOfMemoryEmptiesTheCacheFirstThenSaysWhatWasAskedAndFree() {
        FakeMemory m = new FakeMemory(10L << 20);
        CachingAllocator a = new CachingAllocator(m, "cuda:0 (fake)");
        long small = a.allocate(6L << 20);
        a.release(small);
        long big = a.allocate(8L << 20); // only fits once the cached 6 MiB block is returned
        assertEquals(1, m.frees);
        CudaOutOfMemoryError e = assertThrows(CudaOutOfMemoryError.class, () -> a.allocate(4L << 20));
        assertEquals("CUDA out of memory on cuda:0 (fake): tried to allocate 4.00 MiB; 2.00 MiB free of 10.00 MiB "
            + "total, 8.00 MiB held by live tensors. Free tensors you no longer need (drop references, or close a "
            + "CudaMemory.scope()), use a smaller batch size, or run on the CPU.", e.getMessage());
        a.release(big);
        assertEquals(0, a.allocatedBytes());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void randomTrafficKeepsTheBooksStraight(int seed) {
        Random rnd = new Random(seed);
        FakeMemory m = new FakeMemory(1L << 40);
        CachingAllocator a = new CachingAllocator(m, "cuda:0 (fake)");
        Map<Long, Long> live = new HashMap<>();
        for (int i = 0; i < 2000; i++) {
            if (live.isEmpty() || rnd.nextInt(3) > 0) {
                long bytes = rnd.nextInt(4) == 0 ? rnd.nextInt(8 << 20) : rnd.nextInt(10_000);
                long p = a.allocate(bytes);
                assertTrue(live.put(p, CachingAllocator.roundUp(bytes)) == null, "a live block handed out twice");
            } else {
                long p = live.keySet().iterator().next();
                live.remove(p);
                a.release(p);
            }
            assertTrue(a.allocatedBytes() >= live.values().stream().mapToLong(Long::longValue).sum());
            assertEquals(m.used(), a.reservedBytes(), "reserved = what the driver handed out");
        }
    }
}
