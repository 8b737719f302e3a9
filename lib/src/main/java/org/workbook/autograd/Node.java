package org.workbook.autograd;

import org.workbook.tensor.Tensor;

/**
 * One recorded operation of the graph: its inputs, and how to turn the gradient of
 * its output into gradients of its inputs. Ops create them as small anonymous
 * classes right next to their forward computation.
 *
 * <pre>{@code
 * jshell> tensor(1.0, 2.0).requiresGrad_().mul(3).sum().gradFn()
 * $1 ==> <SumBackward0>
 * }</pre>
 */
public abstract class Node {
    private final String name;
    private final Tensor[] inputs;
    private boolean released;

    protected Node(String name, Tensor... inputs) {
        this.name = name;
        this.inputs = inputs;
    }

    /** Gradients for each input (same order as the constructor's; null where none is needed). */
    protected abstract Tensor[] backward(Tensor gradOutput);

    public String name() {
        return name;
    }

    public Tensor[] inputs() {
        return inputs.clone();
    }

    Tensor[] rawInputs() {
        return inputs;
    }

    /** Marks saved values as freed (after a backward without retainGraph). */
    void release() {
        released = true;
    }

    boolean isReleased() {
        return released;
    }

    Tensor[] apply(Tensor grad) {
        if (released) {
            throw new IllegalStateException("Trying to backward through the graph a second time (or directly "
                + "access saved tensors after they have already been freed). Saved intermediate values of the graph "
                + "are freed when you call backward(). Call backward(gradient, true) (retainGraph) the first time if "
                + "you need to backward through the graph a second time, or recompute the loss.");
        }
        return backward(grad);
    }

    /** True when any of the tensors takes part in autograd and grad mode is on. */
    public static boolean needed(Tensor... ts) {
        if (!GradMode.isEnabled()) {
            return false;
        }
        for (Tensor t : ts) {
            if (t != null && t.requiresGrad()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "<" + name + ">";
    }
}
