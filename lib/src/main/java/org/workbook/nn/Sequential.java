package org.workbook.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

import org.workbook.tensor.Tensor;

/**
 * Layers applied one after the other. Takes modules and plain functions
 * ({@code Tensor::relu}, lambdas); parameters are named "0.weight", "0.bias", ...
 *
 * <pre>{@code
 * jshell> new Sequential(new Linear(784, 30), new ReLU(), new Linear(30, 1))
 * $1 ==> Sequential(
 *   (0): Linear(in_features=784, out_features=30, bias=True)
 *   (1): ReLU()
 *   (2): Linear(in_features=30, out_features=1, bias=True)
 * )
 * }</pre>
 */
public class Sequential extends Module {
    private final List<Module> layers = new ArrayList<>();

    @SafeVarargs
    public Sequential(UnaryOperator<Tensor>... layers) {
        for (UnaryOperator<Tensor> l : layers) {
            add(l);
        }
    }

    /** Appends a layer (a Module, or any function, wrapped in a Lambda). */
    public Sequential add(UnaryOperator<Tensor> layer) {
        Module m = layer instanceof Module mod ? mod : new Lambda(layer);
        layers.add(register(Integer.toString(layers.size()), m));
        return this;
    }

    public Module get(int i) {
        return layers.get(i);
    }

    public int size() {
        return layers.size();
    }

    public List<Module> layers() {
        return Collections.unmodifiableList(layers);
    }

    @Override
    public Tensor forward(Tensor x) {
        for (Module m : layers) {
            x = m.apply(x);
        }
        return x;
    }
}
