package org.workbook;

import static org.workbook.tensor.Tensors.arange;
import static org.workbook.tensor.Tensors.linspace;
import static org.workbook.tensor.Tensors.tensor;

import org.workbook.backend.cpu.Gemm;
import org.workbook.backend.cpu.Parallel;
import org.workbook.backend.cpu.Simd;
import org.workbook.tensor.Tensor;

/**
 * A short tour of the tensor library with real results: what {@code ./workbook run}
 * prints first. Each line shows the Java beside the Python it mirrors.
 */
public final class Tour {
    private Tour() { }

    private static void show(String java, String python, Object value) {
        System.out.printf("%-34s # %-24s%n%s%n%n", java, python, value);
    }

    public static void main(String[] args) {
        System.out.println("== Tensor tour: broadcasting (fast.ai ML lesson 9) ==\n");
        Tensor a = tensor(10, 6, -4);
        Tensor b = tensor(2, 8, 7);
        show("a.add(b)", "a + b", a.add(b));
        show("a.lt(b)", "a < b", a.lt(b));
        show("a.lt(b).toFloat().mean()", "(a < b).float().mean()", a.lt(b).toFloat().mean());
        show("a.add(1)", "a + 1", a.add(1));
        Tensor m = tensor(new int[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
        Tensor c = tensor(10, 20, 30);
        show("m.mul(2)", "2 * m", m.mul(2));
        show("m.add(c)", "m + c", m.add(c));
        show("m.add(c.get(\":, None\"))", "m + c[:, None]", m.add(c.get(":, None")));
        show("c.get(\"None, :, None\").shape()", "c[None, :, None].shape", c.get("None, :, None").shape());
        show("c.get(\":, None\").broadcastTo(3, 3)", "np.broadcast_to(c[:,None], (3,3))",
            c.get(":, None").broadcastTo(3, 3));
        show("c.get(\":, None\").mul(c.get(\"None\"))", "c[:, None] * c[None]", c.get(":, None").mul(c.get("None")));
        show("m.matmul(c)", "m @ c", m.matmul(c));
        show("m.mul(c).sum(1)", "(m * c).sum(1)", m.mul(c).sum(1));

        System.out.println("== Floats, printing and autograd ==\n");
        Tensor x = linspace(-2, 2, 5);
        show("linspace(-2, 2, 5)", "torch.linspace(-2, 2, 5)", x);
        show("x.pow(2).mul(3).add(x.mul(2)).add(1)", "3*x**2 + 2*x + 1", x.pow(2).mul(3).add(x.mul(2)).add(1));
        Tensor abc = tensor(1.1, 1.1, 1.1).requiresGrad_();
        Tensor loss = abc.mul(tensor(1.0, 2.0, 3.0)).sum().div(3);
        show("loss", "loss", loss);
        loss.backward();
        show("abc.grad()", "abc.grad", abc.grad());
        show("arange(12).reshape(3, 4).get(\"1:, ::2\")", "torch.arange(12).reshape(3,4)[1:, ::2]",
            arange(12).reshape(3, 4).get("1:, ::2"));

        System.out.println("== Backend ==");
        System.out.println("matmul BLAS: " + Gemm.describe());
        System.out.println("elementwise and reduction kernels: " + Simd.describe());
        System.out.println("threads for large ops: " + Parallel.getNumThreads());
    }
}
