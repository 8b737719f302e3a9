package org.workbook.ops;

import java.util.function.UnaryOperator;

import org.workbook.autograd.GradMode;
import org.workbook.autograd.Node;
import org.workbook.autograd.ViewHistory;
import org.workbook.tensor.Tensor;

/**
 * In-place ops and autograd, as torch: the write bumps the version counter (so a
 * backward that saved the old values refuses to run), and when the tensor or an
 * operand takes part in autograd, the op is recorded. The tensor's history then
 * continues from the op's node, whose input is a copy of the old values standing in
 * for the tensor; through a view, the base's history becomes {@code CopySlices} and
 * the view's {@code AsStridedBackward0}.
 *
 * <pre>{@code
 * jshell> var y = x.mul(2); y.add_(1); y.gradFn()
 * $2 ==> <AddBackward0>
 * }</pre>
 */
public final class InPlace {
    private InPlace() { }

    /**
     * Runs {@code write} (which checks and writes into self) and, when recording, records
     * {@code outOfPlace} applied to a stand-in for self's old values.
     */
    public static Tensor apply(Tensor self, Tensor[] operands, UnaryOperator<Tensor> outOfPlace, Runnable write) {
        checkAllowed(self);
        if (!recording(self, operands)) {
            write.run();
            self.bumpVersion();
            return self;
        }
        Tensor old;
        try (var s = GradMode.noGrad()) {
            old = self.contiguous().clone();
        }
        old.takeHistoryOf(self);
        write.run();
        self.bumpVersion();
        Tensor result = outOfPlace.apply(old);
        Node op = result.gradFn();
        if (op == null) {
            return self;
        }
        op.rebindSaved(result, self);
        Tensor base = self.viewBase();
        if (base == null) {
            self.setGradFn(op);
        } else {
            base.setGradFn(ViewHistory.copySlices(base, self, op));
            self.setViewGradFn(ViewHistory.asStridedNode(base, self));
        }
        return self;
    }

    /** For writes that are not an op with an out-of-place form (the optimizers' updates): just the version. */
    public static void wrote(Tensor self) {
        self.bumpVersion();
    }

    private static boolean recording(Tensor self, Tensor[] operands) {
        if (!GradMode.isEnabled()) {
            return false;
        }
        if (self.requiresGrad()) {
            return true;
        }
        for (Tensor t : operands) {
            if (t != null && t.requiresGrad()) {
                return true;
            }
        }
        return false;
    }

    /** torch's two refusals: a leaf that requires grad, or a view of one, cannot change in place while recording. */
    public static void checkAllowed(Tensor self) {
        if (!GradMode.isEnabled()) {
            return;
        }
        if (self.requiresGrad() && self.isLeaf()) {
            throw new IllegalStateException("a leaf Variable that requires grad is being used in an in-place "
                + "operation. (Update parameters inside noGrad(): try (var g = noGrad()) { w.sub_(...); }, or "
                + "through w.data().)");
        }
        Tensor base = self.viewBase();
        if (base != null && base.requiresGrad() && base.isLeaf()) {
            throw new IllegalStateException("a view of a leaf Variable that requires grad is being used in an "
                + "in-place operation. (Change the leaf inside noGrad(), or clone() it first.)");
        }
    }
}
