package org.workbook.nn;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.workbook.tensor.Device;
import org.workbook.tensor.Tensor;

/**
 * The base of every layer and model, as nn.Module: write {@code forward}, keep
 * {@link Parameter}s and sub-modules in fields, and they are found by
 * {@link #parameters()} in declaration order (fields of superclasses first).
 * A Module is a {@code UnaryOperator<Tensor>}: anywhere a function goes, a layer goes.
 *
 * <pre>{@code
 * jshell> class LogReg extends Module {
 *    ...>     Parameter w = param(randn(784, 10).div(784));
 *    ...>     Parameter b = param(zeros(10));
 *    ...>     public Tensor forward(Tensor x) { return x.matmul(w).add(b); }
 *    ...> }
 * jshell> new LogReg().namedParameters().keySet()
 * $2 ==> [w, b]
 * }</pre>
 */
public abstract class Module implements UnaryOperator<Tensor> {
    private final Map<String, Module> extraModules = new LinkedHashMap<>();
    private final List<Parameter> registered = new ArrayList<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private boolean training = true;

    /** The computation; call the module itself ({@code model.apply(x)}) to run it. */
    public abstract Tensor forward(Tensor x);

    @Override
    public Tensor apply(Tensor x) {
        return forward(x);
    }

    /** Wraps t as a Parameter of this module (for field initialisers: {@code Parameter w = param(...)}). */
    protected Parameter param(Tensor t) {
        Parameter p = t instanceof Parameter q ? q : new Parameter(t);
        registered.add(p);
        return p;
    }

    /**
     * Registers a buffer: state that is not a parameter but moves with {@link #to} and is saved
     * in the state dict (batch norm's running statistics), as torch's register_buffer.
     */
    protected Tensor buffer(String name, Tensor t) {
        buffers.put(name, t);
        return t;
    }

    /** Every buffer with its dotted path ("1.running_mean"). */
    public Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        buffers.forEach(out::put);
        for (Map.Entry<String, Module> e : namedChildren().entrySet()) {
            e.getValue().namedBuffers().forEach((k, v) -> out.put(e.getKey() + "." + k, v));
        }
        return out;
    }

    /** Registers a child under a name (for containers such as Sequential, whose children are not fields). */
    protected <M extends Module> M register(String name, M child) {
        extraModules.put(name, child);
        return child;
    }

    /** Direct sub-modules by name: module fields first, then registered ones. */
    public Map<String, Module> namedChildren() {
        Map<String, Module> out = new LinkedHashMap<>();
        for (Field f : fields()) {
            Object v = read(f);
            if (v instanceof Module m && m != this) {
                out.put(f.getName(), m);
            }
        }
        out.putAll(extraModules);
        return out;
    }

    public List<Module> children() {
        return new ArrayList<>(namedChildren().values());
    }

    /** Every parameter with its dotted path ("0.weight"), each listed once. */
    public Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect("", out, new java.util.IdentityHashMap<>());
        return out;
    }

    private void collect(String prefix, Map<String, Parameter> out, Map<Object, Boolean> seen) {
        List<Parameter> own = new ArrayList<>();
        for (Field f : fields()) {
            Object v = read(f);
            if (v instanceof Parameter p && seen.put(p, true) == null) {
                out.put(prefix + f.getName(), p);
                own.add(p);
            }
        }
        int k = 0;
        for (Parameter p : registered) {
            if (seen.put(p, true) == null) {
                out.put(prefix + "param" + k, p); // registered with param() but kept in no field
            }
            k++;
        }
        for (Map.Entry<String, Module> e : namedChildren().entrySet()) {
            e.getValue().collect(prefix + e.getKey() + ".", out, seen);
        }
    }

    public List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Instance fields of this class and its superclasses up to Module, superclass fields first. */
    private List<Field> fields() {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = getClass(); c != null && c != Module.class; c = c.getSuperclass()) {
            chain.add(0, c);
        }
        List<Field> out = new ArrayList<>();
        for (Class<?> c : chain) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    private Object read(Field f) {
        try {
            f.setAccessible(true);
            return f.get(this);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // a field we may not read cannot hold our parameters
        }
    }

    /** Sets training mode here and in every sub-module (dropout/batch-norm style layers read it). */
    public Module train() {
        return train(true);
    }

    public Module train(boolean on) {
        training = on;
        for (Module m : children()) {
            m.train(on);
        }
        return this;
    }

    public Module eval() {
        return train(false);
    }

    public boolean isTraining() {
        return training;
    }

    /** Clears every parameter's gradient (sets it to null, as torch's zero_grad(set_to_none=True)). */
    public void zeroGrad() {
        for (Parameter p : parameters()) {
            p.clearGradKeepingSpare(); // null, as setGrad(null); a gradient no one was handed is reused
        }
    }

    /**
     * Moves the parameters (and their gradients) to {@code device} in place, as torch's
     * {@code model.to(device)}: the same Parameter objects now hold device memory, so
     * build the optimizer after moving, as in PyTorch.
     */
    public Module to(Device device) {
        for (Parameter p : parameters()) {
            if (!p.device().equals(device)) {
                Tensor grad = p.grad();
                p.setData(p.detach().to(device));
                p.setGrad(grad == null ? null : grad.to(device));
            }
        }
        for (Tensor b : namedBuffers().values()) {
            if (!b.device().equals(device)) {
                b.setData(b.to(device));
            }
        }
        return this;
    }

    /** The device of the first parameter (the CPU for a module without any). */
    public Device device() {
        List<Parameter> ps = parameters();
        return ps.isEmpty() ? Device.CPU : ps.get(0).device();
    }

    /** Copies of the parameters, then the buffers, by name, for saving. */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : namedParameters().entrySet()) {
            out.put(e.getKey(), e.getValue().detach().clone());
        }
        for (Map.Entry<String, Tensor> e : namedBuffers().entrySet()) {
            out.put(e.getKey(), e.getValue().detach().clone());
        }
        return out;
    }

    /** Loads values by name; a missing, unexpected or mis-shaped entry is an error naming it. */
    public void loadStateDict(Map<String, Tensor> state) {
        StateDicts.load(this, state);
    }

    public void save(Path file) {
        StateDicts.save(stateDict(), file);
    }

    public void load(Path file) {
        loadStateDict(StateDicts.read(file));
    }

    /** torch's repr: the class name, then each child indented on its own line. */
    @Override
    public String toString() {
        Map<String, Module> kids = namedChildren();
        String head = getClass().getSimpleName() + "(" + extraRepr();
        if (kids.isEmpty()) {
            return head + ")";
        }
        StringBuilder sb = new StringBuilder(head).append("\n");
        for (Map.Entry<String, Module> e : kids.entrySet()) {
            String child = e.getValue().toString().replace("\n", "\n  ");
            sb.append("  (").append(e.getKey()).append("): ").append(child).append("\n");
        }
        return sb.append(")").toString();
    }

    /** The part inside the parentheses, e.g. "in_features=784, out_features=10, bias=True". */
    protected String extraRepr() {
        return "";
    }
}
