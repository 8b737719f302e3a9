package org.workbook.tensor;

import java.util.Arrays;

import org.workbook.autograd.GradMode;
import org.workbook.autograd.Node;

/**
 * A tensor's place in autograd: requires_grad, its gradient, the node that produced it,
 * and the version counter that in-place writes bump. A view also knows its base
 * ({@link #viewBase()}): after an in-place write through another alias its recorded
 * history is stale, and it reads a fresh one (torch's view + inplace rules).
 */
public abstract class TensorGrad extends TensorBase {
    /** grad() returned the current gradient (or setGrad supplied it): someone outside may hold it. */
    private boolean gradHandedOut;
    /** An old gradient no one was handed, which a backward may overwrite (see takeSpareGrad). */
    private Tensor spareGrad;

    TensorGrad(Storage storage, int[] shape, int[] strides, int offset, Device device) {
        super(storage, shape, strides, offset, device);
    }

    // ---- autograd state -----------------------------------------------------------------

    public boolean requiresGrad() {
        refreshViewGradFn();
        return requiresGrad;
    }

    /** torch's {@code _version}: how many in-place writes this tensor's storage has seen. */
    public int version() {
        return version.value;
    }

    /** Records an in-place write (ops call this after writing; lesson code never needs to). */
    public void bumpVersion() {
        version.value++;
    }

    /** The tensor this one is a view of (torch's {@code ._base}), or null. */
    public Tensor viewBase() {
        return viewBase;
    }

    /** Makes this tensor a view of {@code of}'s base for autograd (view ops call it). */
    public void markViewOf(Tensor of) {
        viewBase = of.viewBase != null ? of.viewBase : (Tensor) of;
        version = of.version;
        fnVersion = version.value;
    }

    /**
     * After an in-place write through another view (or the base), this view's recorded
     * history is stale: like torch, its grad_fn becomes an as_strided view of the base's
     * new history, so gradients through it see the write.
     */
    private void refreshViewGradFn() {
        if (viewBase == null || fnVersion == version.value) {
            return;
        }
        fnVersion = version.value;
        if (viewBase.requiresGrad() && GradMode.isEnabled()) {
            gradFn = org.workbook.autograd.ViewHistory.asStridedNode(viewBase, (Tensor) this);
            requiresGrad = true;
        }
    }

    /**
     * Gives this fresh tensor {@code from}'s place in the graph (its grad_fn, or its
     * requires_grad as a leaf that accumulates nothing): an in-place op computes the
     * new history on a copy of the old values that stands in for the tensor it changes.
     */
    public void takeHistoryOf(Tensor from) {
        gradFn = from.gradFn();
        requiresGrad = from.requiresGrad();
    }

    /** Sets a view's grad_fn after an in-place op on it (no regeneration until the next write). */
    public void setViewGradFn(Node node) {
        gradFn = node;
        requiresGrad = node != null || requiresGrad;
        fnVersion = version.value;
    }

    /** The accumulated gradient, or null before any backward reached this tensor. */
    public Tensor grad() {
        gradHandedOut = true;
        return grad;
    }

    /** Sets or clears (null) the gradient, as assigning {@code x.grad = None} in torch. */
    public void setGrad(Tensor g) {
        checkGradShape(g);
        grad = g;
        gradHandedOut = true; // the caller holds it
        spareGrad = null;
    }

    private void checkGradShape(Tensor g) {
        if (g != null && !Arrays.equals(g.shape, shape)) {
            throw new IllegalArgumentException("assigned grad has shape " + Arrays.toString(g.shape)
                + " but the tensor has shape " + Arrays.toString(shape));
        }
    }

    // ---- gradient buffers the library may reuse (not for lesson code) --------------------
    // A parameter's gradient is a fresh array every step (zeroGrad sets it to null, as torch's
    // set_to_none), and a fresh Java array is zeroed cold memory: for a 784x100 weight that
    // costs as much as a third of its gradient's product. When nothing outside the library
    // was ever handed the old gradient (grad() never returned it), zeroGrad keeps it as a
    // spare that the next backward writes over instead.

    /** The gradient, for library code that reads or updates it in place and keeps no reference to it. */
    public Tensor currentGrad() {
        return grad;
    }

    /** Sets a gradient the engine made and no one else holds (it may become a spare after zeroGrad). */
    public void adoptGrad(Tensor g) {
        checkGradShape(g);
        grad = g;
        gradHandedOut = false;
        spareGrad = null;
    }

    /** Clears the gradient (as setGrad(null)), keeping it as a spare when no one was handed it. */
    public void clearGradKeepingSpare() {
        if (grad != null) {
            // CPU only: a GPU gradient made inside a CudaMemory.scope() is given back when the scope
            // closes (the Learner's step), and the caching allocator spares the GPU the zeroing anyway.
            spareGrad = gradHandedOut || !grad.device().isCpu() ? null : grad;
        }
        grad = null;
        gradHandedOut = false;
    }

    /** The spare gradient buffer (contents undefined), which the caller now owns; null when there is none. */
    public Tensor takeSpareGrad() {
        Tensor s = spareGrad;
        spareGrad = null;
        return s;
    }

    /** The node that produced this tensor (null for leaves), torch's {@code grad_fn}. */
    public Node gradFn() {
        refreshViewGradFn();
        return gradFn;
    }

    /** True for tensors created by the user rather than by a recorded operation. */
    public boolean isLeaf() {
        return gradFn() == null;
    }

    /** Records that this tensor was produced by {@code node} (used by ops; not for lesson code). */
    public void setGradFn(Node node) {
        gradFn = node;
        requiresGrad = node != null || requiresGrad;
    }
}
