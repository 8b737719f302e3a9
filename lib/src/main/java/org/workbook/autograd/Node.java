package org.workbook.autograd;

import java.util.ArrayList;
import java.util.List;

import org.workbook.tensor.Tensor;

/**
 * One recorded operation of the graph: its inputs, and how to turn the gradient of
 * its output into gradients of its inputs. Ops create them as small anonymous
 * classes right next to their forward computation.
 *
 * <p>Where each input's gradient goes is fixed when the node is made, as torch's
 * {@code next_functions}: the input's own grad_fn then, or the leaf itself. An
 * in-place op that later gives the input a new grad_fn must not reroute gradients
 * of operations recorded before it.
 *
 * <p>Tensors a backward reads (torch's saved variables) are declared with
 * {@link #saves}: each is checked against its version counter when the backward
 * runs (torch's "modified by an inplace operation" error), and a node that saved
 * something cannot run a second time once a backward without retainGraph freed it.
 * Nodes that save nothing (add, sum, views) can, as in torch.
 *
 * <pre>{@code
 * jshell> tensor(1.0, 2.0).requiresGrad_().mul(3).sum().gradFn()
 * $1 ==> <SumBackward0>
 * }</pre>
 */
public abstract class Node {
    private final String name;
    private final Tensor[] inputs;
    private final Node[] next;
    private final Tensor[] leaves;
    private List<Saved> saved;
    private boolean hasSaved;
    private boolean released;

    protected Node(String name, Tensor... inputs) {
        this.name = name;
        this.inputs = inputs;
        this.next = new Node[inputs.length];
        this.leaves = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            Tensor in = inputs[i];
            if (in == null || !in.requiresGrad()) {
                continue;
            }
            Node fn = in.gradFn();
            if (fn != null) {
                next[i] = fn;
            } else {
                leaves[i] = in;
            }
        }
    }

    /** Gradients for each input (same order as the constructor's; null where none is needed). */
    protected abstract Tensor[] backward(Tensor gradOutput);

    public String name() {
        return name;
    }

    public Tensor[] inputs() {
        return inputs.clone();
    }

    /** The nodes this one hands gradients to (null for inputs that are leaves or need none). */
    public Node[] nextFunctions() {
        return next.clone();
    }

    /** Where input i's gradient continues: a node, or null (then see {@link #leafAt}). */
    Node nextAt(int i) {
        return next[i];
    }

    /** The leaf that accumulates input i's gradient, or null. */
    Tensor leafAt(int i) {
        return leaves[i];
    }

    Tensor inputAt(int i) {
        return inputs[i];
    }

    int inputCount() {
        return inputs.length;
    }

    /**
     * Declares tensors this node's backward reads (null entries ignored): their versions
     * are recorded now and checked when the backward runs. Called with none, it still
     * marks the node as holding saved state (index lists, say) that a backward frees.
     */
    public Node saves(Tensor... ts) {
        hasSaved = true;
        for (Tensor t : ts) {
            if (t != null && !t.isWrappedNumber()) {
                if (saved == null) {
                    saved = new ArrayList<>(2);
                }
                saved.add(new Saved(t, t.version(), null));
            }
        }
        return this;
    }

    /** Declares this node's own output as saved (exp, sigmoid, softmax read their result). */
    public Node savesOutput(Tensor out) {
        hasSaved = true;
        if (saved == null) {
            saved = new ArrayList<>(2);
        }
        saved.add(new Saved(out, out.version(), name));
        return this;
    }

    /** An in-place op wrote this node's output into {@code target}: track that tensor's version instead. */
    public void rebindSaved(Tensor from, Tensor target) {
        if (saved == null) {
            return;
        }
        for (int i = 0; i < saved.size(); i++) {
            if (saved.get(i).tensor == from) {
                saved.set(i, new Saved(target, target.version(), saved.get(i).producer));
            }
        }
    }

    /** Marks saved values as freed (after a backward without retainGraph). */
    void release() {
        released = true;
        freed();
    }

    /**
     * Called when a backward without retainGraph frees this node's saved values: a node that keeps a
     * buffer of its own (the CPU convolution's columns) gives it back here. Nothing by default.
     */
    protected void freed() { }

    boolean isReleased() {
        return released;
    }

    /** Runs the backward (for nodes that wrap another node's backward, as CopySlices). */
    public Tensor[] apply(Tensor grad) {
        if (released && hasSaved) {
            throw new IllegalStateException("Trying to backward through the graph a second time (or directly "
                + "access saved tensors after they have already been freed). Saved intermediate values of the graph "
                + "are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to "
                + "backward through the graph a second time or if you need to access saved tensors after calling "
                + "backward. (In Java: backward(gradient, true) the first time, or recompute the loss.)");
        }
        if (saved != null) {
            for (Saved s : saved) {
                s.check();
            }
        }
        return backward(grad);
    }

    /**
     * Marks {@code t} as a gradient this backward has just allocated and returns in one slot
     * only, sharing its storage with nothing else: a leaf without a gradient may then take
     * it as its {@code .grad} without a copy (torch's AccumulateGrad steals such tensors).
     * Returns t. Never mark the incoming gradient, a view of it, or a saved tensor.
     */
    protected static Tensor fresh(Tensor t) {
        Engine.markFresh(t);
        return t;
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

    /**
     * A saved tensor and the version it had when saved. {@code producer}: the node that made a saved
     * output, named in the error as torch does; null for a saved input, where torch names the node
     * that made the tensor's current value (the in-place op that changed it).
     */
    private record Saved(Tensor tensor, int version, String producer) {
        void check() {
            int now = tensor.version();
            if (now != version) {
                Node current = tensor.gradFn();
                String producer = this.producer != null ? this.producer : current == null ? null : current.name();
                throw new IllegalStateException("one of the variables needed for gradient computation has been "
                    + "modified by an inplace operation: [" + tensor.dtype().legacyTypeName()
                    + " " + java.util.Arrays.toString(tensor.shapeArray()) + "]"
                    + (producer == null ? "" : ", which is output 0 of " + producer + ",") + " is at version " + now
                    + "; expected version " + version + " instead. Hint: the tensor was changed in place (a method "
                    + "ending in _ , set(...) or copy_) after this operation used it; use the out-of-place form "
                    + "(x = x.add(...)) or clone() it first.");
            }
        }
    }
}
