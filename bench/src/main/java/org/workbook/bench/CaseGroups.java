package org.workbook.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Every group of cases bench/compare runs, in the order it prints them. One file
 * per group; a new group is one more line here plus its twin in
 * bench/compare_torch.py (same ids), and a JMH class beside it for deeper runs.
 * The training cases also carry an accuracy check (BenchCase.Accuracy), run once
 * on each side before the timing.
 */
public final class CaseGroups {
    private CaseGroups() { }

    public static List<BenchCase> all() {
        List<BenchCase> cs = new ArrayList<>();
        cs.addAll(TensorCases.all());
        cs.addAll(MatmulCases.all());
        cs.addAll(AutogradCases.all());
        cs.addAll(KernelCases.all());
        cs.addAll(ConvCases.all());
        cs.addAll(CnnCases.all());
        cs.addAll(TrainingCases.all());
        return cs;
    }
}
