package org.workbook.nn;

import org.workbook.tensor.Tensor;

/**
 * A tensor that a {@link Module} learns: it requires grad, and modules find it
 * among their fields, as nn.Parameter. It shares the storage of the tensor it
 * wraps.
 *
 * <pre>{@code
 * jshell> new Parameter(zeros(2))
 * $1 ==> Parameter containing:
 * tensor([0., 0.], requires_grad=True)
 * }</pre>
 */
public class Parameter extends Tensor {
    public Parameter(Tensor data) {
        this(data, true);
    }

    public Parameter(Tensor data, boolean requiresGrad) {
        super(data.isLeaf() ? data : data.detach());
        if (requiresGrad) {
            requiresGrad_();
        }
    }

    @Override
    public String toString() {
        return "Parameter containing:\n" + super.toString();
    }
}
