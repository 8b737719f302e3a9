package org.workbook.data;

import java.util.AbstractList;
import java.util.List;

/**
 * Anything with a length and items by index: PyTorch's map-style dataset
 * ({@code __len__} and {@code __getitem__}).
 *
 * <pre>{@code
 * jshell> var ds = Dataset.range(15)     // Python's range(15)
 * jshell> ds.get(3)
 * $2 ==> 3
 * jshell> var letters = Dataset.of(List.of(Pair.of(0, "a"), Pair.of(1, "b")))
 * }</pre>
 *
 * A data set that can fetch many items faster than one by one (a
 * {@link TensorDataset} gathers rows of its tensors) overrides
 * {@link #getBatch}; {@link DataLoader} calls it with each batch's indices.
 */
public interface Dataset<T> {
    /** The number of items. */
    int size();

    /** Item {@code i}, {@code 0 <= i < size()}. */
    T get(int i);

    /**
     * The items at {@code indices}, collated into one batch: by default each
     * item is fetched and {@link Collate#collate} joins them.
     */
    default Object getBatch(int[] indices) {
        return Collate.collate(new AbstractList<T>() {
            @Override
            public T get(int k) {
                return Dataset.this.get(indices[k]);
            }

            @Override
            public int size() {
                return indices.length;
            }
        });
    }

    /** The data set as a read-only list (a view: nothing is copied). */
    default List<T> asList() {
        return new Datasets.ListView<>(this);
    }

    /** The numbers 0 .. n-1, like Python's {@code range(n)}. */
    static Dataset<Integer> range(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("range(" + n + "): the length cannot be negative");
        }
        return new Dataset<>() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public Integer get(int i) {
                return Datasets.checkIndex(i, n);
            }

            @Override
            public String toString() {
                return "range(0, " + n + ")";
            }
        };
    }

    /** A list as a data set (a view of it). */
    static <T> Dataset<T> of(List<T> items) {
        return new Dataset<>() {
            @Override
            public int size() {
                return items.size();
            }

            @Override
            public T get(int i) {
                return items.get(Datasets.checkIndex(i, items.size()));
            }

            @Override
            public String toString() {
                return items.toString();
            }
        };
    }
}
