package org.workbook.data;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * Joins a batch of items into one value, as PyTorch's {@code default_collate}:
 * <ul>
 *   <li>whole numbers (Integer, Long, Short, Byte) → an int64 tensor; with any
 *       Double among them → float64 (as Python floats); all Float → float32;</li>
 *   <li>booleans → a bool tensor;</li>
 *   <li>tensors of one shape → stacked along a new first dimension;</li>
 *   <li>strings (and chars) → a list of them, printed as a Python tuple;</li>
 *   <li>{@link Pair}s → a pair of the collated firsts and seconds; lists and
 *       arrays (tuples) → a list, position by position;</li>
 *   <li>anything else → the list of items, unchanged.</li>
 * </ul>
 *
 * <pre>{@code
 * jshell> Collate.collate(List.of(Pair.of(0, "a"), Pair.of(1, "b")))
 * $1 ==> (tensor([0, 1]), ('a', 'b'))
 * }</pre>
 */
public final class Collate {
    private Collate() { }

    /** The batch made of {@code items} (at least one, none null, all of one kind). */
    public static Object collate(List<?> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("cannot collate an empty batch");
        }
        Object first = items.get(0);
        Kind kind = kindOf(first, 0);
        for (int i = 1; i < items.size(); i++) {
            Kind k = kindOf(items.get(i), i);
            if (k != kind && !(kind.isNumber() && k.isNumber())) {
                throw new IllegalArgumentException("cannot collate a batch mixing kinds of items: item 0 is a "
                        + first.getClass().getSimpleName() + ", item " + i + " a " + items.get(i).getClass().getSimpleName());
            }
        }
        switch (kind) {
            case INTEGER: case FLOAT: case DOUBLE:
                return numbers(items);
            case BOOLEAN: {
                long[] v = new long[items.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (Boolean) items.get(i) ? 1 : 0;
                }
                return Tensors.fromArray(v, v.length).bool();
            }
            case TENSOR:
                return stack(items);
            case STRING: {
                String[] s = new String[items.size()];
                for (int i = 0; i < s.length; i++) {
                    s[i] = items.get(i).toString();
                }
                return new StrTuple(s);
            }
            case PAIR: {
                List<Object> a = new ArrayList<>(items.size());
                List<Object> b = new ArrayList<>(items.size());
                for (Object o : items) {
                    a.add(((Pair<?, ?>) o).first());
                    b.add(((Pair<?, ?>) o).second());
                }
                return Pair.of(collate(a), collate(b));
            }
            case TUPLE:
                return tuples(items);
            default:
                return List.copyOf(items);
        }
    }

    private enum Kind {
        INTEGER, FLOAT, DOUBLE, BOOLEAN, TENSOR, STRING, PAIR, TUPLE, OTHER;

        boolean isNumber() {
            return this == INTEGER || this == FLOAT || this == DOUBLE;
        }
    }

    private static Kind kindOf(Object o, int i) {
        if (o == null) {
            throw new IllegalArgumentException("cannot collate a batch whose item " + i + " is null");
        }
        if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) {
            return Kind.INTEGER;
        }
        if (o instanceof Float) {
            return Kind.FLOAT;
        }
        if (o instanceof Number) {
            return Kind.DOUBLE;
        }
        if (o instanceof Boolean) {
            return Kind.BOOLEAN;
        }
        if (o instanceof Tensor) {
            return Kind.TENSOR;
        }
        if (o instanceof CharSequence || o instanceof Character) {
            return Kind.STRING;
        }
        if (o instanceof Pair) {
            return Kind.PAIR;
        }
        if (o instanceof List || o instanceof Object[]) {
            return Kind.TUPLE;
        }
        return Kind.OTHER;
    }

    private static Tensor numbers(List<?> items) {
        int n = items.size();
        boolean anyDouble = false, allFloat = true, anyFloating = false;
        for (Object o : items) {
            Kind k = kindOf(o, 0);
            anyDouble |= k == Kind.DOUBLE;
            allFloat &= k == Kind.FLOAT;
            anyFloating |= k != Kind.INTEGER;
        }
        if (!anyFloating) {
            long[] v = new long[n];
            for (int i = 0; i < n; i++) {
                v[i] = ((Number) items.get(i)).longValue();
            }
            return Tensors.fromArray(v, n);
        }
        if (allFloat && !anyDouble) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = ((Number) items.get(i)).floatValue();
            }
            return Tensors.fromArray(v, n);
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = ((Number) items.get(i)).doubleValue();
        }
        return Tensors.fromArray(v, n);
    }

    private static Tensor stack(List<?> items) {
        List<Tensor> ts = new ArrayList<>(items.size());
        Tensor t0 = (Tensor) items.get(0);
        for (int i = 0; i < items.size(); i++) {
            Tensor t = (Tensor) items.get(i);
            if (!Arrays.equals(t.shape().toArray(), t0.shape().toArray()) || t.dtype() != t0.dtype()) {
                throw new IllegalArgumentException("cannot stack the batch's tensors: item 0 is " + t0.shape()
                        + " " + t0.dtype() + ", item " + i + " is " + t.shape() + " " + t.dtype()
                        + "; every item of a batch needs the same shape and dtype");
            }
            ts.add(t);
        }
        return Tensors.stack(ts, 0);
    }

    private static List<Object> tuples(List<?> items) {
        List<List<?>> rows = new ArrayList<>(items.size());
        for (Object o : items) {
            rows.add(o instanceof Object[] a ? Arrays.asList(a) : (List<?>) o);
        }
        int width = rows.get(0).size();
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).size() != width) {
                throw new IllegalArgumentException("cannot collate tuples of different lengths: item 0 has "
                        + width + " values, item " + i + " has " + rows.get(i).size());
            }
        }
        List<Object> out = new ArrayList<>(width);
        for (int j = 0; j < width; j++) {
            List<Object> column = new ArrayList<>(rows.size());
            for (List<?> r : rows) {
                column.add(r.get(j));
            }
            out.add(collate(column));
        }
        return List.copyOf(out);
    }

    /** A batch of strings: a read-only list that prints like a Python tuple, {@code ('a', 'b')}. */
    static final class StrTuple extends AbstractList<String> implements RandomAccess {
        private final String[] items;

        StrTuple(String[] items) {
            this.items = items;
        }

        @Override
        public String get(int i) {
            return items[i];
        }

        @Override
        public int size() {
            return items.length;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < items.length; i++) {
                sb.append(i > 0 ? ", " : "").append('\'').append(items[i]).append('\'');
            }
            return sb.append(items.length == 1 ? ",)" : ")").toString();
        }
    }
}
