package org.workbook.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.tensor.Tensors.tensor;

import org.junit.jupiter.api.Test;
import org.workbook.tensor.Tensor;

/**
 * Losses and softmaxes against values computed by hand and against PyTorch 1.13 (the expected
 * strings are what torch printed for the same inputs, e.g. {@code F.cross_entropy(logits, t)}).
 */
class LossesTest {
    private static Tensor logits() {
        return tensor(new double[][] {{1.0, 2.0, 0.5}, {-1.0, 0.0, 3.0}, {0.3, 0.3, -0.2}}).requiresGrad_();
    }

    private static final Tensor TARGET = tensor(1, 2, 0);

    @Test
    void crossEntropyMatchesTorch() {
        Tensor x = logits();
        Tensor loss = F.crossEntropy(x, TARGET);
        assertEquals((float) 0x1.fbff42p-2, (float) loss.item(), "torch: 0x1.fbff42p-2");
        assertEquals("tensor(0.4961, grad_fn=<NllLossBackward0>)", loss.toString());
        loss.backward();
        assertEquals("tensor([[ 0.0771, -0.1238,  0.0467],\n        [ 0.0057,  0.0155, -0.0213],\n"
            + "        [-0.2054,  0.1279,  0.0776]])", x.grad().toString());
    }

    @Test
    void logSoftmaxAndSoftmaxMatchTorch() {
        Tensor x = logits();
        assertEquals("tensor([[-1.4644, -0.4644, -1.9644],\n        [-4.0659, -3.0659, -0.0659],\n"
            + "        [-0.9580, -0.9580, -1.4580]], grad_fn=<LogSoftmaxBackward0>)", F.logSoftmax(x, 1).toString());
        assertEquals("tensor([[0.6128, 0.7587, 0.0731],\n        [0.0829, 0.1027, 0.8906],\n"
            + "        [0.3043, 0.1386, 0.0363]], grad_fn=<SoftmaxBackward0>)", F.softmax(x, 0).toString());
        Tensor s = F.softmax(x, -1).sum(1);
        assertTrue(s.allclose(tensor(1.0, 1.0, 1.0)), s.toString());
    }

    @Test
    void logSoftmaxIsStableForHugeLogits() {
        Tensor x = tensor(new double[][] {{1000, 0, -1000}});
        assertEquals("tensor([[    0., -1000., -2000.]])", F.logSoftmax(x, 1).toString());
        assertEquals("tensor([[1., 0., 0.]])", F.softmax(x, 1).toString());
    }

    @Test
    void nllReductionsMatchTorch() {
        Tensor lp = F.logSoftmax(logits(), 1);
        assertEquals("tensor(1.4883, grad_fn=<NllLossBackward0>)", F.nllLoss(lp, TARGET, F.Reduction.SUM).toString());
        assertEquals("tensor([0.4644, 0.0659, 0.9580], grad_fn=<NllLossBackward0>)",
            F.nllLoss(lp, TARGET, F.Reduction.NONE).toString());
        // By hand: the mean of -lp[i, t[i]].
        Tensor byHand = lp.get(org.workbook.tensor.Tensors.arange(3), TARGET).neg().mean();
        assertEquals(byHand.item(), new NLLLoss().apply(lp, TARGET).item(), 1e-6);
    }

    @Test
    void aTargetOutOfRangeNamesItAndTheClassCount() {
        Tensor lp = F.logSoftmax(logits(), 1);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
            () -> F.nllLoss(lp, tensor(1, 3, 0)));
        assertEquals("Target 3 is out of bounds: there are 3 classes, so targets must be in 0..2 (sample 1)",
            e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> F.crossEntropy(logits(), tensor(-1, 0, 0)));
        assertTrue(e.getMessage().startsWith("Target -1 is out of bounds: there are 3 classes"), e.getMessage());
    }

    @Test
    void nllInputErrors() {
        Tensor lp = F.logSoftmax(logits(), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> F.nllLoss(lp, tensor(1.0, 2.0, 0.0)));
        assertTrue(e.getMessage().contains("targets must be class indices (int64), got torch.float32"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> F.nllLoss(lp, tensor(1, 2)));
        assertEquals("Expected input batch_size (3) to match target batch_size (2).", e.getMessage());
        assertEquals(-lp.getDouble(0, 1), F.nllLoss(lp.get(0), tensor(1)).item(), 1e-6, "torch's unbatched form");
        e = assertThrows(IllegalArgumentException.class, () -> F.nllLoss(lp.get(0), tensor(1, 2)));
        assertTrue(e.getMessage().startsWith("nllLoss expects log-probabilities of shape [N, C]"), e.getMessage());
    }

    @Test
    void binaryCrossEntropyMatchesTorch() {
        Tensor p = tensor(0.9, 0.2, 0.6, 0.05).requiresGrad_();
        Tensor y = tensor(1.0, 0.0, 0.0, 1.0);
        Tensor loss = F.binaryCrossEntropy(p, y);
        assertEquals(1.0601, loss.item(), 1e-4);
        loss.backward();
        assertTrue(p.grad().allclose(tensor(-0.2778, 0.3125, 0.6250, -5.0000), 1e-3, 1e-4), p.grad().toString());
        // torch clamps the logs at -100, so certain wrong answers cost 100, not infinity.
        assertEquals("tensor(100.)", new BCELoss().apply(tensor(0.0, 1.0), tensor(1.0, 0.0)).toString());
    }

    @Test
    void binaryCrossEntropyStaysFiniteWhenTheSigmoidSaturates() {
        // torch: loss 66.6667, grad [0, -3.3333e+11, 3.3333e+11] (its backward divides by max(p(1-p), 1e-12)).
        Tensor p = tensor(1.0, 0.0, 1.0).requiresGrad_();
        Tensor loss = F.binaryCrossEntropy(p, tensor(1.0, 1.0, 0.0));
        assertEquals("tensor(66.6667, grad_fn=<BinaryCrossEntropyBackward0>)", loss.toString());
        loss.backward();
        assertEquals("tensor([ 0.0000e+00, -3.3333e+11,  3.3333e+11])", p.grad().toString());
    }

    @Test
    void aZeroLogitGetsSigmoidOfZeroMinusTheTarget() {
        // A zero-initialised layer outputs exactly 0: torch's gradient there is sigmoid(0) - y.
        Tensor x = org.workbook.tensor.Tensors.zeros(2).requiresGrad_();
        Tensor loss = F.binaryCrossEntropyWithLogits(x, tensor(1.0, 0.0));
        assertEquals("tensor(0.6931, grad_fn=<BinaryCrossEntropyWithLogitsBackward0>)", loss.toString());
        loss.backward();
        assertEquals("tensor([-0.2500,  0.2500])", x.grad().toString());
    }

    @Test
    void binaryLossesRejectMismatchedShapesAndNonProbabilities() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> F.binaryCrossEntropy(tensor(0.5, 0.5), tensor(1.0, 0.0).unsqueeze(1)));
        assertTrue(e.getMessage().startsWith("Using a target size (torch.Size([2, 1])) that is different to the input "
            + "size (torch.Size([2])) is deprecated."), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> new BCEWithLogitsLoss().apply(tensor(0.5, 0.5).unsqueeze(1), tensor(1.0, 0.0)));
        assertTrue(e.getMessage().startsWith("Target size (torch.Size([2])) must be the same as input size "
            + "(torch.Size([2, 1]))"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> F.binaryCrossEntropy(tensor(1.5, 0.5), tensor(1.0, 0.0)));
        assertTrue(e.getMessage().startsWith("binaryCrossEntropy: all elements of input should be between 0 and 1"),
            e.getMessage());
    }

    @Test
    void binaryCrossEntropyWithLogitsMatchesTorch() {
        Tensor x = tensor(2.0, -1.0, 0.5, -3.0).requiresGrad_();
        Tensor y = tensor(1.0, 0.0, 0.0, 1.0);
        Tensor loss = new BCEWithLogitsLoss().apply(x, y);
        assertEquals(1.1157, loss.item(), 1e-4);
        loss.backward();
        assertTrue(x.grad().allclose(tensor(-0.0298, 0.0672, 0.1556, -0.2381), 1e-3, 1e-4), x.grad().toString());
        // Stable where the naive formula overflows.
        assertEquals(200.0, F.binaryCrossEntropyWithLogits(tensor(-200.0), tensor(1.0)).item(), 1e-3);
        assertEquals(0.0, F.binaryCrossEntropyWithLogits(tensor(200.0), tensor(1.0)).item(), 1e-6);
    }

    @Test
    void mseAndL1MatchTorch() {
        Tensor a = tensor(1.0, 2.0, -1.0, 0.5).requiresGrad_();
        Tensor y = tensor(1.0, 0.0, 0.0, 1.0);
        Tensor mse = new MSELoss().apply(a, y);
        assertEquals(1.3125, mse.item(), 1e-6); // (0 + 4 + 1 + 0.25) / 4
        mse.backward();
        assertEquals("tensor([ 0.0000,  1.0000, -0.5000, -0.2500])", a.grad().toString());
        a.setGrad(null);
        Tensor l1 = new L1Loss().apply(a, y);
        assertEquals(0.875, l1.item(), 1e-6);  // (0 + 2 + 1 + 0.5) / 4
        l1.backward();
        assertEquals("tensor([ 0.0000,  0.2500, -0.2500, -0.2500])", a.grad().toString());
    }

    @Test
    void aLambdaIsALoss() {
        Loss mnistLoss = (p, t) -> Tensor.where(t.eq(1.0), p.rsub(1.0), p).mean();
        assertEquals(0.25, mnistLoss.apply(tensor(0.9, 0.4), tensor(1.0, 0.0)).item(), 1e-6);
    }
}
