package org.workbook.bench;

import static org.workbook.tensor.Tensors.randn;

import java.util.ArrayList;
import java.util.List;

import org.workbook.tensor.Tensor;

/**
 * Issue 2's matrix products: a square sgemm, where the BLAS does all the work,
 * and the products of the course's training steps (batch x 784 @ 784 x out), where
 * the call overhead and the BLAS's small-matrix paths matter. Operands are
 * contiguous and the result is allocated, as {@code a @ b} in torch.
 */
public final class MatmulCases {
    private MatmulCases() { }

    public static List<BenchCase> all() {
        List<BenchCase> cs = new ArrayList<>();
        cs.add(mm("sgemm_1024", "sgemm 1024x1024 @ 1024x1024", 1024, 1024, 1024, 1.25));
        cs.add(mm("mm_64x784x10", "64x784 @ 784x10 (lesson-8 linear)", 64, 784, 10, 1.0));
        cs.add(mm("mm_256x784x30", "256x784 @ 784x30 (simple_net layer 1)", 256, 784, 30, 1.0));
        cs.add(mm("mm_256x784x1", "256x784 @ 784x1 (chapter-4 linear)", 256, 784, 1, 1.0));
        return cs;
    }

    private static BenchCase mm(String id, String title, int m, int k, int n, double target) {
        return new BenchCase(id, "matmul", title, target, () -> {
            Tensor a = randn(m, k);
            Tensor b = randn(k, n);
            return () -> a.matmul(b);
        });
    }
}
