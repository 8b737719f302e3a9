package org.workbook.data;

/**
 * A training and a validation loader, as fastai's {@code DataLoaders(dl, valid_dl)}:
 * what a Learner trains and validates on.
 *
 * <pre>{@code
 * jshell> var dls = new DataLoaders<>(dl, validDl)
 * jshell> dls.train().size()             // batches per epoch
 * jshell> var dls2 = DataLoaders.fromDatasets(trainDs, validDs, 64)
 * }</pre>
 */
public final class DataLoaders<B> {
    private final DataLoader<B> train;
    private final DataLoader<B> valid;

    public DataLoaders(DataLoader<B> train, DataLoader<B> valid) {
        if (train == null || valid == null) {
            throw new IllegalArgumentException("DataLoaders needs a training and a validation loader, got "
                    + (train == null ? "no training loader" : "no validation loader"));
        }
        this.train = train;
        this.valid = valid;
    }

    /**
     * Loaders over two data sets with batch size {@code bs}: the training one
     * shuffled each epoch, the validation one in order (both keep a smaller
     * last batch, as PyTorch's default).
     */
    public static <B> DataLoaders<B> fromDatasets(Dataset<?> train, Dataset<?> valid, int bs) {
        return new DataLoaders<>(new DataLoader<>(train, bs, true), new DataLoader<>(valid, bs, false));
    }

    public DataLoader<B> train() {
        return train;
    }

    public DataLoader<B> valid() {
        return valid;
    }

    /** Loader {@code i}: 0 is train, 1 is valid (fastai's {@code dls[i]}). */
    public DataLoader<B> get(int i) {
        if (i == 0) {
            return train;
        }
        if (i == 1) {
            return valid;
        }
        throw new IndexOutOfBoundsException("DataLoaders has 2 loaders (0 train, 1 valid), asked for " + i);
    }

    @Override
    public String toString() {
        return "DataLoaders(train=" + train + ", valid=" + valid + ")";
    }
}
