package org.workbook.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Every group of cases bench/compare runs, in the order it prints them. One file
 * per group; a new group is one more line here plus its twin in
 * bench/compare_torch.py (same ids), and a JMH class beside it for deeper runs.
 *
 * <p>Still to come (issue 3 item 4 and issue 4 item 6, once nn/optim land):
 * {@code AutogradCases} (the 784-100-10 MLP step, batch 64, forward + backward +
 * Adam; target 0.5) and {@code TrainingCases} (the chapter-4 linear and
 * simple_net epochs, the lesson-8 logistic regression and MLP epochs, each 0.5,
 * with their accuracies).
 */
public final class CaseGroups {
    private CaseGroups() { }

    public static List<BenchCase> all() {
        List<BenchCase> cs = new ArrayList<>();
        cs.addAll(TensorCases.all());
        cs.addAll(MatmulCases.all());
        // The autograd and training groups join here (see the class comment).
        return cs;
    }
}
