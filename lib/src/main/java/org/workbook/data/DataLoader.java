package org.workbook.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Batches of a data set, in order or shuffled, as fastai's and PyTorch's
 * {@code DataLoader}: iterate it in a for-each loop, once per epoch.
 *
 * <pre>{@code
 * jshell> import static org.workbook.data.Dataset.range;
 * jshell> var dl = new DataLoader<>(range(15), 5, true).seed(42)
 * jshell> dl.toList()                       // list(dl): three int64 tensors of 5
 * jshell> DataLoader<Pair<Tensor, Tensor>> train = new DataLoader<>(new TensorDataset(x, y), 256)
 * jshell> var xb = first(train).x()         // xb, yb = first(dl)
 * }</pre>
 *
 * The batch type {@code B} is what collation makes of the items (see
 * {@link Collate}): a tensor for numbers or tensors, a {@link Pair} of batches
 * for pairs. Java infers it from the variable's declared type; with {@code var}
 * it is {@code Object}, which prints fine.
 *
 * Each batch is made when the loop asks for it, by the data set's
 * {@link Dataset#getBatch} (a {@link TensorDataset} gathers rows directly) or,
 * when a collate function is set, by that function over the items.
 */
public final class DataLoader<B> implements Iterable<B> {
    private final Dataset<?> dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private RandomSampler sampler;
    private Function<List<Object>, ?> collateFn;

    /** Batches of 64, in order, the last one possibly smaller. */
    public DataLoader(Dataset<?> dataset) {
        this(dataset, 64, false, false);
    }

    public DataLoader(Dataset<?> dataset, int batchSize) {
        this(dataset, batchSize, false, false);
    }

    public DataLoader(Dataset<?> dataset, int batchSize, boolean shuffle) {
        this(dataset, batchSize, shuffle, false);
    }

    /**
     * @param shuffle  a new random order each epoch (see {@link #seed} and {@link RandomSampler})
     * @param dropLast leave out the last batch when it is smaller than {@code batchSize}
     */
    public DataLoader(Dataset<?> dataset, int batchSize, boolean shuffle, boolean dropLast) {
        if (dataset == null) {
            throw new IllegalArgumentException("DataLoader needs a data set, got null");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.dropLast = dropLast;
        this.sampler = shuffle ? RandomSampler.global() : null;
    }

    /** Over a list of items (e.g. pairs of index and letter). */
    public DataLoader(List<?> items, int batchSize) {
        this(Dataset.of(items), batchSize, false, false);
    }

    public DataLoader(List<?> items, int batchSize, boolean shuffle) {
        this(Dataset.of(items), batchSize, shuffle, false);
    }

    public DataLoader(List<?> items, int batchSize, boolean shuffle, boolean dropLast) {
        this(Dataset.of(items), batchSize, shuffle, dropLast);
    }

    /**
     * Shuffles from its own seed: the epochs' orders repeat from run to run
     * whatever else draws random numbers. Returns this loader.
     */
    public DataLoader<B> seed(long seed) {
        if (!shuffle) {
            throw new IllegalStateException("seed(" + seed + ") on a DataLoader that does not shuffle:"
                    + " pass shuffle = true to the constructor");
        }
        this.sampler = new RandomSampler(seed);
        return this;
    }

    /** Uses {@code fn} to join each batch's items instead of {@link Collate#collate}. Returns this loader. */
    public DataLoader<B> collateFn(Function<List<Object>, ?> fn) {
        this.collateFn = fn;
        return this;
    }

    public Dataset<?> dataset() {
        return dataset;
    }

    public int batchSize() {
        return batchSize;
    }

    public boolean shuffle() {
        return shuffle;
    }

    public boolean dropLast() {
        return dropLast;
    }

    /** The number of batches an epoch has ({@code len(dl)}). */
    public int size() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** One epoch: a new order when shuffling. */
    @Override
    public Iterator<B> iterator() {
        final int n = dataset.size();
        final int[] order = shuffle ? sampler.permutation(n) : null;
        final int batches = size();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < batches;
            }

            @Override
            public B next() {
                if (next >= batches) {
                    throw new NoSuchElementException("this epoch's " + batches + " batches are done");
                }
                if (Thread.currentThread().isInterrupted()) {
                    // Loading a batch can be slow (decoding images): the stop button is heard here.
                    throw new java.util.concurrent.CancellationException("data loading interrupted");
                }
                int start = next * batchSize;
                int len = Math.min(batchSize, n - start);
                int[] idx = new int[len];
                for (int k = 0; k < len; k++) {
                    idx[k] = order == null ? start + k : order[start + k];
                }
                next++;
                return batch(idx);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private B batch(int[] idx) {
        if (collateFn == null) {
            return (B) dataset.getBatch(idx);
        }
        List<Object> items = new ArrayList<>(idx.length);
        for (int i : idx) {
            items.add(dataset.get(i));
        }
        return (B) collateFn.apply(items);
    }

    /** The first batch (fastai's {@code one_batch}). */
    public B oneBatch() {
        return first(this);
    }

    /** Every batch of one epoch ({@code list(dl)}). */
    public List<B> toList() {
        List<B> out = new ArrayList<>(size());
        for (B b : this) {
            out.add(b);
        }
        return out;
    }

    /** The first element of {@code it}, as fastai's {@code first(dl)}. */
    public static <T> T first(Iterable<T> it) {
        Iterator<T> i = it.iterator();
        if (!i.hasNext()) {
            throw new NoSuchElementException("first(" + it + "): it is empty");
        }
        return i.next();
    }

    @Override
    public String toString() {
        return "DataLoader(" + dataset.size() + " items, bs=" + batchSize + (shuffle ? ", shuffle" : "")
                + (dropLast ? ", drop_last" : "") + ", " + size() + " batches)";
    }
}
