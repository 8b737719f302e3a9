package org.workbook.nn;

import org.workbook.tensor.Tensor;

/** Flattens dims startDim..endDim (default 1..-1: everything but the batch). */
public class Flatten extends Module {
    private final int start;
    private final int end;

    public Flatten() {
        this(1, -1);
    }

    public Flatten(int startDim, int endDim) {
        start = startDim;
        end = endDim;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.flatten(start, end);
    }

    @Override
    protected String extraRepr() {
        return "start_dim=" + start + ", end_dim=" + end;
    }
}
