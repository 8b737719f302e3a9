package org.workbook.learn;

import java.util.List;

import org.workbook.nn.Parameter;
import org.workbook.optim.Optimizer;

/** Makes the optimizer a Learner uses, from the parameters and a learning rate: {@code Adam::new}, {@code SGD::new}. */
@FunctionalInterface
public interface OptimizerFactory {
    Optimizer create(List<Parameter> params, double lr);
}
