package org.workbook.learn;

import java.util.function.BinaryOperator;

import org.workbook.data.DataLoaders;
import org.workbook.nn.Module;
import org.workbook.optim.Optimizer;
import org.workbook.tensor.Tensor;

/**
 * The ML course's training call, {@code fit(net, md, n_epochs, crit, opt, metrics)}:
 * the same loop and table as {@link Learner#fit}, with an optimizer you made.
 *
 * <pre>{@code
 * jshell> var opt = new Adam(net.parameters(), 1e-3)
 * jshell> fit(net, md, 1, new NLLLoss(), opt, accuracy())
 * }</pre>
 */
public final class Fit {
    private Fit() { }

    public static void fit(Module net, DataLoaders<?> data, int epochs, BinaryOperator<Tensor> crit, Optimizer opt,
                            Metric... metrics) {
        new Learner(data, net, opt, crit, metrics).fit(epochs);
    }
}
