package org.workbook.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.workbook.tensor.Tensor;

/** Parameters that share hyper-parameters (lr, momentum, ...), as an entry of torch's param_groups. */
public final class ParamGroup {
    private final List<Tensor> params;
    private final Map<String, Double> options;

    public ParamGroup(Iterable<? extends Tensor> params, Map<String, Double> options) {
        this.params = new ArrayList<>();
        for (Tensor p : params) {
            if (!p.isLeaf()) {
                throw new IllegalArgumentException("can't optimize a non-leaf Tensor (it was computed from others); "
                    + "optimize the leaf it came from, or detach() it and call requiresGrad_()");
            }
            this.params.add(p);
        }
        this.options = new LinkedHashMap<>(options);
    }

    public List<Tensor> params() {
        return params;
    }

    public double get(String option) {
        Double v = options.get(option);
        if (v == null) {
            throw new IllegalArgumentException("parameter group has no option '" + option + "' (has " + options.keySet()
                + ")");
        }
        return v;
    }

    /** Changes an option, e.g. {@code set("lr", 1e-4)} for a learning-rate schedule. */
    public void set(String option, double value) {
        options.put(option, value);
    }

    public Map<String, Double> options() {
        return options;
    }
}
