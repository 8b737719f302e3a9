package org.workbook.optim;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.workbook.autograd.GradMode;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;

/**
 * Updates parameters from their gradients, as torch.optim: {@code step()} after
 * {@code backward()}, {@code zeroGrad()} before the next one. Parameters without
 * a gradient are skipped. State (momentum buffers, Adam's averages) is kept per
 * parameter.
 */
public abstract class Optimizer {
    protected final List<ParamGroup> groups = new ArrayList<>();
    protected final Map<Tensor, Map<String, Object>> state = new IdentityHashMap<>();

    protected Optimizer(Iterable<? extends Tensor> params, Map<String, Double> defaults) {
        ParamGroup g = new ParamGroup(params, defaults);
        if (g.params().isEmpty()) {
            throw new IllegalArgumentException("optimizer got an empty parameter list (did the model register its "
                + "parameters? Module fields of type Parameter are found automatically)");
        }
        groups.add(g);
    }

    public List<ParamGroup> paramGroups() {
        return groups;
    }

    /** Updates every parameter that has a gradient; runs without recording a graph. */
    public void step() {
        try (GradMode.Scope s = GradMode.noGrad()) {
            for (ParamGroup g : groups) {
                for (Tensor p : g.params()) {
                    Tensor grad = readsGradientsOnly() ? p.currentGrad() : p.grad();
                    if (grad == null) {
                        continue;
                    }
                    if (p.dtype() != DType.FLOAT32 && p.dtype() != DType.FLOAT64) {
                        throw new IllegalStateException("optimizers update float32/float64 parameters, got "
                            + p.dtype().torchName());
                    }
                    Map<String, Object> st = state.computeIfAbsent(p, k -> new java.util.HashMap<>());
                    update(p, grad, g, st);
                    p.bumpVersion(); // torch's step writes in place: a graph that saved p sees the change
                }
            }
        }
    }

    /** One parameter's update; p and its gradient have the same shape and dtype. */
    protected abstract void update(Tensor p, Tensor grad, ParamGroup group, Map<String, Object> state);

    /**
     * True when {@link #update} only reads the gradient and keeps no reference to it (SGD and
     * Adam): the gradients then stay reusable by the next backward after {@link #zeroGrad}.
     * A subclass that keeps them (in its state, say) must leave this false.
     */
    protected boolean readsGradientsOnly() {
        return false;
    }

    /**
     * Clears the gradients (sets them to null, as torch's default set_to_none=True). A gradient
     * no one was handed (grad() never returned it) is kept aside for the next backward to write
     * over: the same values, without a fresh zeroed array per parameter per step.
     */
    public void zeroGrad() {
        for (ParamGroup g : groups) {
            for (Tensor p : g.params()) {
                p.clearGradKeepingSpare();
            }
        }
    }

    /** The same contiguous values as float[] (a copy when p is not contiguous). */
    static float[] floats(Tensor t) {
        return t.isContiguous() && t.offset() == 0 && t.storage().length() == t.numel() ? t.storage().floats()
            : t.toFloatArray();
    }

    static double[] doubles(Tensor t) {
        return t.isContiguous() && t.offset() == 0 && t.storage().length() == t.numel() ? t.storage().doubles()
            : t.toDoubleArray();
    }

    /** Writes values back when {@link #floats} had to copy. */
    static void writeBack(Tensor p, Object values) {
        if (values != p.storage().array()) {
            Tensor src = values instanceof float[] f ? org.workbook.tensor.Tensors.fromArray(f, p.shapeArray())
                : org.workbook.tensor.Tensors.fromArray((double[]) values, p.shapeArray());
            p.data().copy_(src);
        }
    }

    /** Like torch's repr: the class, then each group's options. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append(" (\n");
        for (int i = 0; i < groups.size(); i++) {
            sb.append("Parameter Group ").append(i).append("\n");
            for (Map.Entry<String, Double> e : groups.get(i).options().entrySet()) {
                sb.append("    ").append(e.getKey()).append(": ").append(e.getValue()).append("\n");
            }
        }
        return sb.append(")").toString();
    }
}
