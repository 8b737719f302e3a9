package org.workbook.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.workbook.tensor.Tensors.linspace;
import static org.workbook.tensor.Tensors.noGrad;
import static org.workbook.tensor.Tensors.tensor;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.workbook.random.NumpyRandom;
import org.workbook.tensor.Tensor;

/**
 * The figures PDL lesson 3 prints, recomputed end to end with the library:
 * numpy-seeded noisy quadratic data, the MAE of a guess, its gradient, and ten
 * steps of gradient descent whose gradients accumulate (the loop never zeroes them).
 */
class Lesson01FiguresTest {
    private static Tensor f(Tensor x) {
        return x.pow(2).mul(3).add(x.mul(2)).add(1);
    }

    private static Tensor quad(Tensor abc, Tensor x) {
        return x.pow(2).mul(abc.get(0)).add(x.mul(abc.get(1))).add(abc.get(2));
    }

    private static Tensor mae(Tensor preds, Tensor acts) {
        return preds.sub(acts).abs().mean();
    }

    @Test
    void lessonOneNumbers() {
        NumpyRandom rng = NumpyRandom.seed(42);
        Tensor x = linspace(-2, 2, 20).get(":, None");
        Tensor fx = f(x);
        Tensor y = fx.mul(rng.normal(0, 0.15, x.shapeArray()).add(1)).add(rng.normal(0, 1.5, x.shapeArray()));
        assertEquals("tensor([[11.8690],\n        [ 6.5433],\n        [ 5.9396],\n        [ 2.6304],\n        [ 1.7947]],"
            + " dtype=torch.float64)", y.get(":5").toString());

        Tensor abc = tensor(1.1, 1.1, 1.1).requiresGrad_();
        Tensor loss = mae(quad(abc, x), y);
        assertEquals("tensor(2.4219, dtype=torch.float64, grad_fn=<MeanBackward0>)", loss.toString());
        loss.backward();
        assertEquals("tensor([-1.3529, -0.0316, -0.5000])", abc.grad().toString());

        // One step by hand, then the lesson's loop; neither zeroes the gradient, so it accumulates.
        try (var g = noGrad()) {
            abc.sub_(abc.grad().mul(0.01));
        }
        assertEquals("2.40", String.format("%.2f", mae(quad(abc, x), y).item()));
        List<String> losses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Tensor l = mae(quad(abc, x), y);
            l.backward();
            try (var g = noGrad()) {
                abc.sub_(abc.grad().mul(0.01));
            }
            losses.add(String.format("%.2f", l.item()));
        }
        assertEquals(List.of("2.40", "2.36", "2.30", "2.21", "2.11", "1.98", "1.85", "1.72", "1.58", "1.46"), losses);
        assertEquals("tensor([1.9634, 1.1381, 1.4100], requires_grad=True)", abc.toString());
        assertEquals("tensor([-13.4260,  -1.0842,  -4.5000])", abc.grad().toString());
    }
}
