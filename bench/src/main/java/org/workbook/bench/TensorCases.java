package org.workbook.bench;

import static org.workbook.tensor.Tensors.randn;

import java.util.ArrayList;
import java.util.List;

import org.workbook.tensor.Tensor;

/**
 * Issue 2's tensor-core cases: per-op overhead on a tiny tensor, elementwise
 * throughput on 10^6 (fits in L3) and 10^7 floats (streams from DRAM), and a
 * reduction over one dim. Every op allocates its result, as {@code a + b} does
 * in torch. The PyTorch twins are in bench/compare_torch.py under the same ids.
 */
public final class TensorCases {
    private TensorCases() { }

    public static List<BenchCase> all() {
        List<BenchCase> cs = new ArrayList<>();
        cs.add(new BenchCase("op10_add", "tensor", "a + b, 10 floats (per-op overhead)", 0.35, () -> {
            Tensor a = randn(10);
            Tensor b = randn(10);
            return () -> a.add(b);
        }));
        for (int n : new int[] {1_000_000, 10_000_000}) {
            String e = n == 1_000_000 ? "1e6" : "1e7";
            double target = 1.0; // issue 16: the 10^6 cases too
            cs.add(new BenchCase("add_" + e, "tensor", "a + b, 10^" + e.charAt(2) + " floats", target, () -> {
                Tensor a = randn(n);
                Tensor b = randn(n);
                return () -> a.add(b);
            }));
            cs.add(new BenchCase("mul_" + e, "tensor", "a * b, 10^" + e.charAt(2) + " floats", target, () -> {
                Tensor a = randn(n);
                Tensor b = randn(n);
                return () -> a.mul(b);
            }));
            cs.add(new BenchCase("exp_" + e, "tensor", "a.exp(), 10^" + e.charAt(2) + " floats", target, () -> {
                Tensor a = randn(n);
                return a::exp;
            }));
        }
        cs.add(new BenchCase("sum_256x784_dim1", "tensor", "x.sum(1), x 256x784", 1.0, () -> {
            Tensor x = randn(256, 784);
            return () -> x.sum(1);
        }));
        cs.add(new BenchCase("sum_256x784_dim0", "tensor", "x.sum(0), x 256x784", 1.0, () -> {
            Tensor x = randn(256, 784);
            return () -> x.sum(0);
        }));
        // issue 16's var/std over any dim, at the sums' target
        cs.add(new BenchCase("var_dim0_256x784", "tensor", "x.var(0), x 256x784", 1.0, () -> {
            Tensor x = randn(256, 784);
            return () -> x.var(0);
        }));
        cs.add(new BenchCase("std_dim1_256x784", "tensor", "x.std(1), x 256x784", 1.0, () -> {
            Tensor x = randn(256, 784);
            return () -> x.std(1);
        }));
        return cs;
    }
}
