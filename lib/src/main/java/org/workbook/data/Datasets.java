package org.workbook.data;

import java.util.AbstractList;
import java.util.RandomAccess;

/** Helpers shared by the data sets. */
final class Datasets {
    private Datasets() { }

    static int checkIndex(int i, int n) {
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException("index " + i + " is out of range for a data set of size " + n);
        }
        return i;
    }

    /** A data set seen as a read-only list. */
    static final class ListView<T> extends AbstractList<T> implements RandomAccess {
        private final Dataset<T> ds;

        ListView(Dataset<T> ds) {
            this.ds = ds;
        }

        @Override
        public T get(int i) {
            return ds.get(i);
        }

        @Override
        public int size() {
            return ds.size();
        }
    }
}
