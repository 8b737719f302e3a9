package org.workbook.e2e.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.e2e.lessons.ExecutedLesson.numbers;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.workbook.backend.cuda.Cuda;
import org.workbook.tensor.Device;

/**
 * Lesson 03 (the ML course's lesson 8) executed headlessly, as {@code ./workbook run}
 * does, with every figure the course printed checked in the executed notebook: the
 * exact ones to the printed digits, the trained ones in the range LESSONS.md gives.
 */
class Lesson03FiguresE2ETest {
    private static ExecutedLesson lesson;

    @BeforeAll
    static void execute() {
        lesson = ExecutedLesson.run("03_mnist_logistic_regression");
    }

    @Test
    void everyCellRunsAndEveryCheckPasses() {
        lesson.assertNoUnexpectedErrors();
        assertEquals(3, lesson.checkCellsPassed(), "the three exercise checks print \"passed\"");
    }

    @Test
    void theSplitHasTheCoursesShapes() {
        assertEquals("[torch.Size([50000, 784]), torch.Size([50000])]", lesson.result("manualSeed(42);"));
        assertEquals("torch.Size([10000, 28, 28])", lesson.result("var xImgs = xValid.reshape(-1, 28, 28);"));
        assertEquals("torch.Size([10000])", lesson.result("yValid.shape()"));
    }

    @Test
    void normalisingGivesTheCoursesMeansAndStds() {
        double[] train = numbers(lesson.result("var mean = x.mean();"));
        assertEquals(4, train.length);
        assertEquals(0, train[2], 1e-6, "train mean after normalising");
        assertEquals(1, train[3], 1e-4, "train std after normalising");
        double[] valid = numbers(lesson.result("xValid = xValid.sub(mean).div(std);"));
        assertEquals(-0.0058509219, valid[0], 1e-3, "valid mean (course -0.0058509219)");
        assertEquals(0.99243325, valid[1], 1e-3, "valid std (course 0.99243325)");
        assertEquals("[tensor(-0.0059), tensor(0.9924)]", lesson.result("xValid = xValid.sub(mean).div(std);"));
    }

    @Test
    void theFirstValidationImageIsAThreeWithTheCoursesPixels() {
        assertEquals("tensor(3)", lesson.result("yValid.get(0)"));
        double[] course = {
            -0.42452, -0.42452, -0.42452, -0.42452, 0.17294,
            -0.42452, -0.42452, -0.42452, 0.78312, 2.43567,
            -0.42452, -0.27197, 1.20261, 2.77889, 2.80432,
            -0.42452, 1.76194, 2.80432, 2.80432, 1.73651,
            -0.42452, 2.20685, 2.80432, 2.80432, 0.40176};
        String crop = lesson.result("xImgs.get(\"0, 10:15, 10:15\")");
        assertTrue(crop.startsWith("tensor([[-0.4245, -0.4245, -0.4245, -0.4245,  0.1729],"), crop);
        double[] ours = numbers(crop);
        assertEquals(25, ours.length, crop);
        for (int i = 0; i < 25; i++) {
            // ours has 4 decimals, the course 5: they agree when ours is the course's value rounded
            assertEquals(course[i], ours[i], 0.5e-4 + 1e-6, "pixel " + i + " of the crop: " + crop);
        }
    }

    @Test
    void imagesAreDrawnWithTheirLabels() {
        assertEquals("Figure(1x1, 280x302 px, '3')", lesson.figure("show(xImgs.get(0), yValid.get(0).longItem())"));
        lesson.figure("show(xImgs.get(\"0, 10:15, 10:15\"))");
        assertEquals("Figure(2x4, 900x450 px, '3' '8' '6' '9' '6' '4' '5' '3')",
                lesson.figure("plots(xImgs.get(\":8\"), 2, yValid.get(\":8\"))"));
    }

    @Test
    void theLibrarysLogisticRegressionReaches91Percent() {
        double acc = lesson.lastTableValue("fit(net, md, 1, loss, opt, metrics);", "accuracy");
        assertTrue(acc >= 0.91 && acc < 0.94, "accuracy after one epoch (course 0.91849): " + acc);
    }

    @Test
    void theBinaryLossIsTheCoursesToTheLastDigit() {
        assertEquals("0.164252033486018", lesson.result("double binaryLoss(Tensor y, Tensor p) {"));
    }

    @Test
    void predictionsHaveTheCoursesShapeAndFirstDigits() {
        assertEquals("torch.Size([10000, 10])", lesson.result("Tensor predict(Module net,"));
        double[] row = numbers(lesson.result("preds.get(1)"));
        assertEquals(10, row.length);
        double sum = 0;
        for (double v : row) {
            assertTrue(v <= 0, "log-probabilities are at most 0: " + v);
            sum += Math.exp(v);
        }
        assertEquals(1, sum, 1e-3, "the probabilities of a row add up to 1");
        assertEquals("tensor([3, 8, 6, 9, 6])", lesson.result("preds.argmax(1).get(\":5\")"));
        double acc = Double.parseDouble(lesson.result("var predicted = preds.argmax(1);"));
        assertTrue(acc >= 0.91 && acc < 0.94, "accuracy of the predictions (course 0.9181): " + acc);
        String fig = lesson.figure("plots(xImgs.get(\":8\"), 2, predicted.get(\":8\"))");
        assertTrue(fig.startsWith("Figure(2x4, 900x450 px, '3' '8' '6' '9' '6' "), fig);
    }

    @Test
    void theHandWrittenLogisticRegressionTrainsAsWell() {
        assertEquals(12, numbers(lesson.result("randn(3, 4)")).length);
        assertEquals("[l1W, l1B]", lesson.result("class LogReg extends Module {"));
        double acc = lesson.lastTableValue("var opt2 = new Adam(net2.parameters());", "accuracy");
        assertTrue(acc >= 0.91 && acc < 0.94, "hand-written LogReg after one epoch (course 0.90993-0.92406): " + acc);
        double[] again = numbers(lesson.result("var preds2 = predict(net2, md.valid()).argmax(1);"));
        assertEquals(acc, again[0], 1e-4, "fit's accuracy and the predictions' agree");
        lesson.figure("plots(xImgs.get(\":8\"), 2, preds2.get(\":8\"))");
    }

    @Test
    void summingOverDimZeroIsShownToBeWrong() {
        double[] sums = numbers(lesson.result("Tensor softmaxDim0(Tensor x)"));
        assertEquals(8, sums.length);
        for (int i = 0; i < 4; i++) {
            assertEquals(1, sums[i], 1e-4, "rows of the softmax over dim 1 add up to 1");
            assertTrue(Math.abs(sums[4 + i] - 1) > 0.1, "rows of the softmax over dim 0 do not: " + sums[4 + i]);
        }
        double[] alone = numbers(lesson.result("List.of(softmaxDim0(acts.get(\"0:1\"))"));
        for (int i = 0; i < 4; i++) {
            assertEquals(1, alone[i], 0, "one image alone: every class gets 1");
            assertTrue(alone[4 + i] < 0.99, "the same image in a batch gets something else: " + alone[4 + i]);
        }
        assertEquals("true", lesson.result("softmax(acts.get(\"0:1\")).get(0).allclose(softmax(acts).get(0))"));
    }

    @Test
    void theSpeedBoostButtonTimesOneEpochAndSaysWhetherThereIsAGpu() {
        String printed = lesson.stdout("double cpuSeconds = timeOneEpoch(Device.CPU);");
        java.util.List<String> lines = printed.lines().toList();
        assertTrue(lines.get(0).matches("one epoch on the CPU: \\d+\\.\\d\\d s"), printed);
        if (Device.cudaAvailable()) {
            assertTrue(lines.get(1).matches("one epoch on the GPU \\(.+\\): \\d+\\.\\d\\d s"), printed);
            assertTrue(lines.get(2).matches("speed-up: \\d+\\.\\d\\dx \\(CPU time / GPU time\\)"), printed);
        } else {
            assertEquals(java.util.List.of("no GPU found: " + Cuda.unavailableReason()), lines.subList(1, lines.size()));
        }
        double acc = lesson.lastTableValue("double cpuSeconds = timeOneEpoch(Device.CPU);", "accuracy");
        assertTrue(acc >= 0.91 && acc < 0.94, "the timed epoch trains as the lesson's does: " + acc);
    }
}
