package org.workbook.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.tensor.Tensors.arange;
import static org.workbook.tensor.Tensors.zeros;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Basic indexing (ints, negative ints, start:stop:step with positive steps (torch refuses negative ones), ':', None,
 * '...'): random index expressions, as strings and as typed items, against a model of
 * numpy's rules; the result is a view. Then the error messages.
 */
class IndexingTest {
    static Stream<Long> seeds() {
        return LongStream.range(0, 200).boxed();
    }

    /** One index item: its string form, its typed form, and what it does to the dims. */
    record Item(String text, Object typed, int kind, int index, Integer start, Integer stop, int step) { }

    static final int INT = 0;
    static final int SLICE = 1;
    static final int NONE = 2;
    static final int ELLIPSIS = 3;

    @ParameterizedTest
    @MethodSource("seeds")
    void randomBasicIndexAgainstModel(long seed) {
        Gen g = new Gen(seed);
        int[] shape = g.shape(0, 4);
        Tensor x = g.tensor(DType.FLOAT64, shape);
        int n = shape.length;
        // First the kinds (at most one '...', at most n consuming items), then each consuming item's dim
        // (items after '...' index the trailing dims), then values that fit that dim.
        List<Integer> kinds = new ArrayList<>();
        boolean ellipsis = false;
        int consumed = 0;
        int count = g.rnd.nextInt(n + 2);
        for (int k = 0; k < count; k++) {
            int p = g.rnd.nextInt(10);
            if (p < 1 && !ellipsis) {
                ellipsis = true;
                kinds.add(ELLIPSIS);
            } else if (p < 3) {
                kinds.add(NONE);
            } else if (consumed < n) {
                kinds.add(p < 5 ? INT : SLICE);
                consumed++;
            }
        }
        int ellAt = kinds.indexOf(ELLIPSIS);
        int after = 0;
        for (int k = ellAt + 1; ellAt >= 0 && k < kinds.size(); k++) {
            after += kinds.get(k) == INT || kinds.get(k) == SLICE ? 1 : 0;
        }
        List<Item> items = new ArrayList<>();
        int dim = 0;
        for (int k = 0; k < kinds.size(); k++) {
            int kind = kinds.get(k);
            if (kind == ELLIPSIS) {
                items.add(new Item("...", Index.ELLIPSIS, ELLIPSIS, 0, null, null, 1));
                dim = n - after;
            } else if (kind == NONE) {
                items.add(new Item("None", Index.NONE, NONE, 0, null, null, 1));
            } else {
                int size = shape[dim++];
                if (kind == INT && size > 0) {
                    int i = g.rnd.nextInt(size) - (g.rnd.nextBoolean() ? size : 0);
                    items.add(new Item(Integer.toString(i), i, INT, i, null, null, 1));
                } else {
                    Integer st = g.rnd.nextInt(3) == 0 ? null : g.rnd.nextInt(2 * size + 3) - size - 1;
                    Integer sp = g.rnd.nextInt(3) == 0 ? null : g.rnd.nextInt(2 * size + 3) - size - 1;
                    int step = g.rnd.nextInt(3) == 0 ? 1 : 1 + g.rnd.nextInt(3); // torch: steps are positive
                    boolean showStep = step != 1 || g.rnd.nextBoolean();
                    String text = (st == null ? "" : st) + ":" + (sp == null ? "" : sp) + (showStep ? ":" + step : "");
                    items.add(new Item(text, new Slice(st, sp, showStep ? step : null), SLICE, 0, st, sp, step));
                }
            }
        }
        // The model: expand '...' (or pad at the end) with full slices, then walk the items.
        List<Item> full = new ArrayList<>();
        int fill = n - consumed;
        for (Item it : items) {
            if (it.kind == ELLIPSIS) {
                for (int k = 0; k < fill; k++) {
                    full.add(new Item(":", Slice.ALL, SLICE, 0, null, null, 1));
                }
            } else {
                full.add(it);
            }
        }
        if (!ellipsis) {
            for (int k = 0; k < fill; k++) {
                full.add(new Item(":", Slice.ALL, SLICE, 0, null, null, 1));
            }
        }
        List<Integer> outShape = new ArrayList<>();
        List<int[]> map = new ArrayList<>(); // per output dim: {source dim or -1, item position}
        List<List<Integer>> picks = new ArrayList<>();
        int[] fixed = new int[n];
        int d = 0;
        for (Item it : full) {
            if (it.kind == INT) {
                fixed[d] = it.index < 0 ? it.index + shape[d] : it.index;
                d++;
            } else if (it.kind == NONE) {
                outShape.add(1);
                map.add(new int[] {-1});
                picks.add(null);
            } else {
                List<Integer> pick = ViewsTest.pythonSlice(shape[d], it.start, it.stop, it.step);
                outShape.add(pick.size());
                map.add(new int[] {d});
                picks.add(pick);
                d++;
            }
        }
        String text = String.join(", ", items.stream().map(Item::text).toList());
        Object[] typed = items.stream().map(Item::typed).toArray();
        int[] os = outShape.stream().mapToInt(Integer::intValue).toArray();
        String what = "x" + java.util.Arrays.toString(shape) + "[" + text + "] of " + Gen.describe(x);
        for (Tensor r : new Tensor[] {text.isEmpty() ? x.get(typed) : x.get(text), x.get(typed)}) {
            Ref.check(what, r, DType.FLOAT64, os, o -> {
                int[] idx = fixed.clone();
                for (int k = 0; k < o.length; k++) {
                    if (map.get(k)[0] >= 0) {
                        idx[map.get(k)[0]] = picks.get(k).get(o[k]);
                    }
                }
                return x.getDouble(idx);
            }, 0, 0);
            assertSame(x.storage(), r.storage(), what + ": basic indexing gives a view");
        }
    }

    @Test
    void examplesFromTheLessons() {
        Tensor m = arange(9).view(3, 3);
        Tensor c = Tensors.tensor(10, 20, 30);
        assertArrayEquals(new int[] {3, 1}, c.get(":, None").shapeArray());
        assertArrayEquals(new int[] {1, 3, 1}, c.get("None, :, None").shapeArray());
        assertArrayEquals(new int[] {1, 3, 1}, c.get(null, Slice.ALL, Index.NONE).shapeArray());
        assertArrayEquals(new long[] {2, 5, 8}, m.get(":, -1").toLongArray());
        assertArrayEquals(new long[] {6, 7, 8}, m.get("-1").toLongArray());
        assertArrayEquals(new long[] {6, 8}, m.get("2, ::2").toLongArray());
        // torch refuses negative steps (numpy allows them): the message says so.
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class, () -> m.get("0, ::-1"));
        assertTrue(neg.getMessage().startsWith("step must be greater than zero"), neg.getMessage());
        assertArrayEquals(new long[] {7, 8}, m.get("..., 2, -2:").toLongArray());
        assertArrayEquals(new long[] {1, 4, 7}, m.get(Index.ELLIPSIS, 1).toLongArray());
        assertArrayEquals(new long[] {3, 4}, m.get(1L, Slice.of(null, 2)).toLongArray(), "Long items work like int");
        assertEquals(4.0, m.get(" 1 ,  1 ").item(), "spaces are fine");
        assertArrayEquals(new int[] {}, m.get("1, 1").shapeArray());
        assertArrayEquals(new int[] {0, 3}, m.get("5:").shapeArray(), "slices clamp like Python's");
        assertArrayEquals(new int[] {3, 3}, m.get("...").shapeArray());
        assertArrayEquals(new int[] {}, Tensors.tensor(5.0).get("...").shapeArray());
        assertArrayEquals(new int[] {1}, Tensors.tensor(5.0).get("None").shapeArray());
    }

    @Test
    void outOfRangeNamesIndexDimAndSize() {
        Tensor x = zeros(3, 4, 5);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> x.get("3"));
        assertEquals("index 3 is out of bounds for dimension 0 with size 3", e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> x.get("0, 5"));
        assertEquals("index 5 is out of bounds for dimension 1 with size 4", e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> x.get(":, :, -6"));
        assertEquals("index -6 is out of bounds for dimension 2 with size 5", e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> x.get("..., 7"));
        assertEquals("index 7 is out of bounds for dimension 2 with size 5", e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> x.get(1, Slice.ALL, 9));
        assertEquals("index 9 is out of bounds for dimension 2 with size 5", e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> x.get("0, 0, 0, 0"));
        assertTrue(e.getMessage().startsWith("too many indices for tensor of dimension 3"), e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> Tensors.tensor(1.0).get("0"));
        assertTrue(e.getMessage().startsWith("too many indices for tensor of dimension 0"), e.getMessage());
    }

    /** A malformed string names the problem and points at the bad token with a caret. */
    @Test
    void malformedIndexStrings() {
        Tensor x = zeros(3, 4);
        assertBad(x, "0,, 1", "empty item at position 3", "    ^");
        assertBad(x, "0, a", "'a' is not an integer, a slice (start:stop:step), None or ... at position 4", "     ^");
        assertBad(x, "1:2:3:4", "too many ':' in '1:2:3:4'", "  ^");
        assertBad(x, ":, 1:2:0", "slice step cannot be zero at position 8", "         ^");
        assertBad(x, "1: b", "'b' is not an integer, a slice (start:stop:step), None or ... at position 4", "     ^");
        assertBad(x, "", "the index is empty; use \":\" for everything", "  ^");
        assertBad(x, "0 1", "'0 1' is not an integer", "  ^");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.get("..., ..."));
        assertEquals("an index can only have a single ellipsis ('...')", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.get(0, "1"));
        assertTrue(e.getMessage().startsWith("unsupported index item 1 of type String"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.get(1.5));
        assertTrue(e.getMessage().startsWith("unsupported index item 1.5 of type Double"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Slice(1, 2, 0));
        assertEquals("slice step cannot be zero", e.getMessage());
    }

    static void assertBad(Tensor x, String index, String why, String caretLine) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.get(index));
        String[] lines = e.getMessage().split("\n");
        assertTrue(lines[0].startsWith("bad index \"" + index + "\": " + why), e.getMessage());
        assertEquals("  " + index, lines[1], e.getMessage());
        assertEquals(caretLine, lines[2], "the caret points at the bad token in:\n" + e.getMessage());
    }
}
