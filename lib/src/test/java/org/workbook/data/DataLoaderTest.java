package org.workbook.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.data.DataLoader.first;
import static org.workbook.data.Dataset.range;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

class DataLoaderTest {
    private static long[] longs(Object batch) {
        Tensor t = (Tensor) batch;
        assertEquals(DType.INT64, t.dtype());
        return t.toLongArray();
    }

    /** The items of one epoch, in the order the loader gave them. */
    private static List<Long> epoch(DataLoader<Object> dl) {
        List<Long> seen = new ArrayList<>();
        for (Object b : dl) {
            for (long v : longs(b)) {
                seen.add(v);
            }
        }
        return seen;
    }

    @Test
    void rangeInOrderMakesThreeBatchesOfFive() {
        DataLoader<Tensor> dl = new DataLoader<>(range(15), 5);
        List<Tensor> batches = dl.toList();
        assertEquals(3, batches.size());
        assertEquals(3, dl.size());
        assertArrayEquals(new long[] {0, 1, 2, 3, 4}, longs(batches.get(0)));
        assertArrayEquals(new long[] {10, 11, 12, 13, 14}, longs(batches.get(2)));
        assertEquals("tensor([0, 1, 2, 3, 4])", first(dl).toString());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void batchesCoverTheDataAsPromisedForRandomSizes(long seed) {
        Random r = new Random(seed);
        int n = r.nextInt(100);
        int bs = 1 + r.nextInt(20);
        boolean shuffle = r.nextBoolean(), dropLast = r.nextBoolean();
        DataLoader<Object> dl = new DataLoader<>(range(n), bs, shuffle, dropLast);
        if (shuffle) {
            dl.seed(seed);
        }
        int expectBatches = dropLast ? n / bs : (n + bs - 1) / bs;
        assertEquals(expectBatches, dl.size());
        List<Object> batches = dl.toList();
        assertEquals(expectBatches, batches.size());
        for (int k = 0; k < batches.size(); k++) {
            int len = longs(batches.get(k)).length;
            boolean last = k == batches.size() - 1;
            assertTrue(len == bs || (last && !dropLast && len == n % bs), "batch " + k + " has " + len);
        }
        List<Long> seen = epoch(dl);
        int covered = dropLast ? (n / bs) * bs : n;
        assertEquals(covered, seen.size());
        assertEquals(covered, seen.stream().distinct().count(), "no item twice");
        if (!shuffle) {
            assertEquals(longRange(0, covered), seen);
        } else if (!dropLast) {
            List<Long> sorted = new ArrayList<>(seen);
            sorted.sort(null);
            assertEquals(longRange(0, n), sorted);
        }
    }

    private static List<Long> longRange(int from, int to) {
        List<Long> l = new ArrayList<>();
        for (int i = from; i < to; i++) {
            l.add((long) i);
        }
        return l;
    }

    @Test
    void aSeedRepeatsTheOrderAndEachEpochReshuffles() {
        DataLoader<Object> a = new DataLoader<>(range(50), 7, true).seed(3);
        DataLoader<Object> b = new DataLoader<>(range(50), 7, true).seed(3);
        List<Long> a1 = epoch(a), a2 = epoch(a);
        assertEquals(a1, epoch(b));
        assertEquals(a2, epoch(b));
        assertNotEquals(a1, a2, "a new order each epoch");
        assertNotEquals(longRange(0, 50), a1, "shuffled");
        assertNotEquals(a1, epoch(new DataLoader<>(range(50), 7, true).seed(4)));
    }

    @Test
    void withoutASeedTheGlobalGeneratorDecides() {
        Tensors.manualSeed(11);
        List<Long> first = epoch(new DataLoader<>(range(40), 8, true));
        Tensors.manualSeed(11);
        assertEquals(first, epoch(new DataLoader<>(range(40), 8, true)));
    }

    @Test
    void pairsOfIndexAndLetterBecomeATensorAndATuple() {
        List<Pair<Integer, String>> items = new ArrayList<>();
        String letters = "abcdefghijklmnopqrstuvwxyz";
        for (int i = 0; i < letters.length(); i++) {
            items.add(Pair.of(i, String.valueOf(letters.charAt(i))));
        }
        DataLoader<Pair<Tensor, List<String>>> dl = new DataLoader<>(items, 6, true);
        dl.seed(1);
        List<Pair<Tensor, List<String>>> batches = dl.toList();
        assertEquals(5, batches.size());
        for (var b : batches) {
            long[] idx = b.x().toLongArray();
            assertEquals(idx.length, b.y().size());
            for (int k = 0; k < idx.length; k++) {
                assertEquals(String.valueOf(letters.charAt((int) idx[k])), b.y().get(k), "letters follow their index");
            }
        }
        var inOrder = first(new DataLoader<Pair<Tensor, List<String>>>(items, 3));
        assertEquals("(tensor([0, 1, 2]), ('a', 'b', 'c'))", inOrder.toString());
    }

    @Test
    void numbersCollateToTorchTypes() {
        assertEquals(DType.FLOAT64, ((Tensor) Collate.collate(List.of(1.5, 2.0))).dtype());
        assertEquals(DType.FLOAT32, ((Tensor) Collate.collate(List.of(1.5f, 2f))).dtype());
        Tensor mixed = (Tensor) Collate.collate(List.of(1, 2.5));
        assertEquals(DType.FLOAT64, mixed.dtype());
        assertArrayEquals(new double[] {1, 2.5}, mixed.toDoubleArray());
        assertArrayEquals(new long[] {7, -3}, longs(Collate.collate(List.of(7L, (short) -3))));
        Tensor bools = (Tensor) Collate.collate(List.of(true, false, true));
        assertEquals(DType.BOOL, bools.dtype());
        assertArrayEquals(new long[] {1, 0, 1}, bools.toLongArray());
    }

    @Test
    void tensorsAreStackedAlongANewFirstDimension() {
        Tensor a = Tensors.fromArray(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensors.fromArray(new float[] {7, 8, 9, 10, 11, 12}, 2, 3);
        Tensor s = (Tensor) Collate.collate(List.of(a, b));
        assertArrayEquals(new int[] {2, 2, 3}, s.shape().toArray());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, s.toFloatArray());
        Tensor c = Tensors.fromArray(new float[] {1, 2}, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> Collate.collate(List.of(a, c)));
        assertTrue(e.getMessage().startsWith("cannot stack the batch's tensors: item 0 is torch.Size([2, 3])"),
                e.getMessage());
    }

    @Test
    void tuplesCollatePositionByPosition() {
        Object batch = Collate.collate(List.of(List.of(1, "x", 0.5), new Object[] {2, "y", 1.5}));
        List<?> cols = (List<?>) batch;
        assertEquals(3, cols.size());
        assertArrayEquals(new long[] {1, 2}, longs(cols.get(0)));
        assertEquals(List.of("x", "y"), cols.get(1));
        assertEquals("('x', 'y')", cols.get(1).toString());
        var e = assertThrows(IllegalArgumentException.class,
                () -> Collate.collate(List.of(List.of(1, 2), List.of(1))));
        assertEquals("cannot collate tuples of different lengths: item 0 has 2 values, item 1 has 1", e.getMessage());
    }

    @Test
    void badBatchesSayWhatIsWrong() {
        var mixed = assertThrows(IllegalArgumentException.class, () -> Collate.collate(List.of(1, "a")));
        assertEquals("cannot collate a batch mixing kinds of items: item 0 is a Integer, item 1 a String",
                mixed.getMessage());
        var nul = assertThrows(IllegalArgumentException.class, () -> Collate.collate(Arrays.asList(1, null)));
        assertEquals("cannot collate a batch whose item 1 is null", nul.getMessage());
        Object plain = Collate.collate(List.of(new int[] {1}, new int[] {2}));
        assertTrue(plain instanceof List<?> l && l.size() == 2, "unknown kinds stay a list");
    }

    @Test
    void tensorDatasetGathersRowsOfBothTensors() {
        int n = 37;
        float[] xs = new float[n * 3];
        long[] ys = new long[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                xs[i * 3 + j] = i * 10 + j;
            }
            ys[i] = 100 + i;
        }
        var ds = new TensorDataset(Tensors.fromArray(xs, n, 3), Tensors.fromArray(ys, n));
        assertEquals(n, ds.size());
        assertArrayEquals(new float[] {50, 51, 52}, ds.get(5).x().toFloatArray());
        assertEquals(105, ds.get(5).y().item());
        DataLoader<Pair<Tensor, Tensor>> dl = new DataLoader<>(ds, 8, true);
        dl.seed(9);
        int rows = 0;
        for (Pair<Tensor, Tensor> b : dl) {
            int len = b.x().size(0);
            assertArrayEquals(new int[] {len, 3}, b.x().shape().toArray());
            assertArrayEquals(new int[] {len}, b.y().shape().toArray());
            float[] bx = b.x().toFloatArray();
            long[] by = b.y().toLongArray();
            for (int k = 0; k < len; k++) {
                int i = (int) by[k] - 100;
                assertArrayEquals(Arrays.copyOfRange(xs, i * 3, i * 3 + 3), Arrays.copyOfRange(bx, k * 3, k * 3 + 3));
            }
            rows += len;
        }
        assertEquals(n, rows);
        // The same batches as collating items one by one (the general path).
        var viaItems = new DataLoader<Pair<Tensor, Tensor>>(ds, 8).collateFn(Collate::collate).toList();
        var direct = new DataLoader<Pair<Tensor, Tensor>>(ds, 8).toList();
        for (int k = 0; k < direct.size(); k++) {
            assertArrayEquals(viaItems.get(k).x().toFloatArray(), direct.get(k).x().toFloatArray());
            assertArrayEquals(viaItems.get(k).y().toLongArray(), direct.get(k).y().toLongArray());
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void gatheredRowsAreTheSameForCopiesAndStridedViews(long seed) {
        Random r = new Random(seed);
        int n = 1 + r.nextInt(30), m = 1 + r.nextInt(5);
        Tensor wide = Tensors.randn(m, n);
        Tensor view = wide.t();                       // [n, m], not contiguous: the indexing path
        Tensor copy = view.contiguous();              // [n, m], contiguous: the array-copy path
        int[] idx = r.ints(1 + r.nextInt(2 * n), 0, n).toArray();
        Tensor a = TensorDataset.rows(view, idx), b = TensorDataset.rows(copy, idx);
        assertArrayEquals(new int[] {idx.length, m}, b.shape().toArray());
        assertArrayEquals(a.toFloatArray(), b.toFloatArray());
        for (int k = 0; k < idx.length; k++) {
            assertArrayEquals(copy.get(idx[k]).toFloatArray(), b.get(k).toFloatArray());
        }
        Tensor u8 = Tensors.fromUint8(new byte[] {1, 2, 3, 4, 5, 6}, 3, 2);
        assertArrayEquals(new long[] {5, 6, 5, 6, 1, 2}, TensorDataset.rows(u8, new int[] {2, 2, 0}).toLongArray());
    }

    @Test
    void tensorDatasetRefusesTensorsOfDifferentLengths() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new TensorDataset(Tensors.zeros(4, 2), Tensors.zeros(5)));
        assertEquals("TensorDataset's tensors must have as many rows: x is torch.Size([4, 2]), y is torch.Size([5])"
                + " (4 vs 5 items)", e.getMessage());
        var ds = new TensorDataset(Tensors.zeros(4, 2), Tensors.zeros(4));
        var oob = assertThrows(IndexOutOfBoundsException.class, () -> ds.get(4));
        assertEquals("index 4 is out of range for a data set of size 4", oob.getMessage());
    }

    @Test
    void loadersSayWhatIsWrong() {
        var bs = assertThrows(IllegalArgumentException.class, () -> new DataLoader<>(range(3), 0));
        assertEquals("batch size must be at least 1, got 0", bs.getMessage());
        var seed = assertThrows(IllegalStateException.class, () -> new DataLoader<>(range(3), 2).seed(1));
        assertTrue(seed.getMessage().contains("pass shuffle = true"), seed.getMessage());
        var empty = assertThrows(java.util.NoSuchElementException.class, () -> first(new DataLoader<>(range(0), 2)));
        assertTrue(empty.getMessage().endsWith("it is empty"), empty.getMessage());
        var it = new DataLoader<>(range(2), 2).iterator();
        it.next();
        assertFalse(it.hasNext());
        assertThrows(java.util.NoSuchElementException.class, it::next);
    }

    @Test
    void dataLoadersHoldTrainAndValid() {
        var dls = DataLoaders.fromDatasets(range(10), range(4), 3);
        assertTrue(dls.train().shuffle());
        assertFalse(dls.valid().shuffle());
        assertEquals(4, dls.train().size());
        assertEquals(2, dls.get(1).size());
        var e = assertThrows(IndexOutOfBoundsException.class, () -> dls.get(2));
        assertEquals("DataLoaders has 2 loaders (0 train, 1 valid), asked for 2", e.getMessage());
        assertEquals(IntStream.range(0, 4).boxed().toList(), range(4).asList());
    }
}
