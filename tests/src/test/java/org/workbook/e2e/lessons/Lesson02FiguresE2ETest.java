package org.workbook.e2e.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lesson 02 (the book's chapter 4) executed as {@code ./workbook run} executes
 * it, on the real MNIST 3s and 7s, and its figures read back from the executed
 * notebook: the exact ones (pixels, distances, the baseline's accuracies,
 * gradients, the MNIST loss) to the printed digit, the trained ones in range.
 */
class Lesson02FiguresE2ETest {
    private static ExecutedLesson lesson;

    @BeforeAll
    static void run() {
        lesson = ExecutedLesson.run("02_mnist_basics");
    }

    @Test
    void everyCellRunsAndAllExercisesPass() {
        lesson.assertNoUnexpectedErrors();
        assertEquals(4, lesson.checkCellsPassed(), "check cells that ended with \"passed\"");
    }

    @Test
    void theSampleIsLaidOutLikeFastais() {
        assertTrue(lesson.result("var path = MnistSample.path();").matches(
                "\\[\\S*/labels\\.csv, \\S*/train, \\S*/valid\\]"), lesson.result("var path = MnistSample.path();"));
        assertEquals("6131 threes, 6265 sevens", lesson.stdout("var threes = ls(").strip());
        assertEquals("(torch.Size([1010, 28, 28]), torch.Size([1028, 28, 28]))", lesson.result("var valid3Tens"));
    }

    @Test
    void pixelsOfTheBooksThree() {
        assertEquals("tensor([[  0,   0,   0,   0,   0,   0],\n"
                + "        [  0,   0,   0,   0,   0,  29],\n"
                + "        [  0,   0,   0,  48, 166, 224],\n"
                + "        [  0,  93, 244, 249, 253, 187],\n"
                + "        [  0, 107, 253, 253, 230,  48],\n"
                + "        [  0,   3,  20,  20,  15,   0]], dtype=torch.uint8)", lesson.result("im3.get(\"4:10, 4:10\")"));
        assertEquals("[[0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 29], [0, 0, 0, 48, 166, 224], [0, 93, 244, 249, 253, 187], "
                + "[0, 107, 253, 253, 230, 48], [0, 3, 20, 20, 15, 0]]", lesson.result("im3.get(\"4:10, 4:10\").toList()"));
        String table = lesson.result("Table.of(im3.get(\"4:15, 4:22\"))");
        assertTrue(table.contains("0   93  244  249  253  187   46   10    8    4   10  194  253  253  233"), table);
    }

    @Test
    void pixelSimilarityBaseline() {
        assertEquals("torch.Size([6131, 28, 28])", lesson.result("var stackedSevens"));
        assertEquals("(tensor(0.1114), tensor(0.2021))", lesson.result("var dist3Abs"));
        assertEquals("(tensor(0.1586), tensor(0.3021))", lesson.result("var dist7Abs"));
        assertEquals("(tensor(0.1586), tensor(0.3021))", lesson.result("Pair.of(l1Loss("));
        assertEquals("[tensor(0.9168), tensor(0.9854), tensor(0.9511)]", lesson.result("var accuracy3s"));
    }

    @Test
    void tensorBasics() {
        assertEquals("tensor([5, 6])", lesson.result("tns.get(\"1, 1:3\")"));
        assertEquals("tensor([[2, 3, 4],\n        [5, 6, 7]])", lesson.result("tns.add(1)"));
    }

    @Test
    void gradientsOfXSquared() {
        assertEquals("tensor(9., grad_fn=<PowBackward0>)", lesson.result("Tensor f(Tensor x) { return x.pow(2); }"));
        assertEquals("tensor(6.)", lesson.result("yt.backward();\nxt.grad()"));
        assertEquals("tensor(125., grad_fn=<SumBackward0>)", lesson.result("Tensor fSum("));
        assertEquals("tensor([ 6.,  8., 20.])", lesson.result("yt.backward();\nxt.grad()   //"));
    }

    @Test
    void rollerCoasterLossFallsFromThousandsToHundreds() {
        double[] losses = ExecutedLesson.numbers(lesson.stdout("Tensor applyStep("));
        assertEquals(10, losses.length, Arrays.toString(losses));
        assertTrue(losses[0] > 1000, Arrays.toString(losses));
        assertTrue(losses[9] < 1000 && losses[9] > 100, Arrays.toString(losses));
        for (int i = 1; i < losses.length; i++) {
            assertTrue(losses[i] < losses[i - 1], "the loss must fall at every step: " + Arrays.toString(losses));
        }
        assertTrue(lesson.figure("params = start.clone()").startsWith("Figure(1x4"));
    }

    @Test
    void theMnistLoss() {
        assertEquals("(torch.Size([12396, 784]), torch.Size([12396, 1]))", lesson.result("var trainX"));
        assertEquals("tensor([0.1000, 0.4000, 0.8000])", lesson.result("Tensor mnistLoss(Tensor predictions, Tensor targets) {\n    return where"));
        assertEquals("tensor(0.4333)", lesson.result("mnistLoss(prds, trgts)"));
        assertTrue(lesson.figure("plotFunction(x -> x.sigmoid()").contains("Sigmoid"));
    }

    @Test
    void dataLoaderShufflesFifteenNumbersIntoThreeBatches() {
        double[] values = ExecutedLesson.numbers(lesson.result("var coll = Dataset.range(15);"));
        assertEquals(15, values.length);
        assertEquals(IntStream.range(0, 15).boxed().toList(),
                Arrays.stream(values).sorted().mapToInt(v -> (int) v).boxed().toList());
    }

    @Test
    void trainingFromScratch() {
        double[] accs = ExecutedLesson.numbers(lesson.stdout("for (int i = 0; i < EPOCHS; i++) {\n    trainEpoch(linear1"));
        double last = accs[accs.length - 1];
        assertTrue(last >= 0.95 && last <= 0.99, "after the epochs by hand: " + Arrays.toString(accs));
    }

    @Test
    void anOptimizerAndTheLibrarysSgd() {
        assertEquals("(torch.Size([1, 784]), torch.Size([1]))", lesson.result("var linearModel = new Linear(28 * 28, 1).to(device);\nvar wb"));
        double[] basic = ExecutedLesson.numbers(lesson.stdout("void trainModel("));
        assertTrue(basic[basic.length - 1] >= 0.97, "BasicOptim: " + Arrays.toString(basic));
        double[] sgd = ExecutedLesson.numbers(lesson.stdout("var linearModel = new Linear(28 * 28, 1).to(device);\nOptimizer"));
        assertTrue(sgd[sgd.length - 1] >= 0.97, "SGD: " + Arrays.toString(sgd));
    }

    @Test
    void theLearnersTables() {
        assertEquals(10, lesson.tableRows("var dls = new DataLoaders"));
        double linear = lesson.lastTableValue("var dls = new DataLoaders", "batch_accuracy");
        assertTrue(linear >= 0.95 && linear <= 0.99, "linear model after 10 epochs: " + linear);
        double net = lesson.lastTableValue("learn = new Learner(dls, simpleNet", "batch_accuracy");
        assertTrue(net >= 0.975, "simple net after 40 epochs: " + net);
        assertEquals(net, Double.parseDouble(lesson.result("var accs = learn.recorder()")), 1e-6);
        lesson.figure("learn.recorder().plotMetric(");
    }

    @ParameterizedTest
    @ValueSource(strings = {"var im3Path", "var threeTensors", "var mean3", "var mean7", "var a3 = ", "manualSeed(42);",
        "Axes showPreds(", "showPreds(preds, null)", "plotFunction(x -> relu(x))"})
    void imagesAndPlotsAreShown(String start) {
        lesson.figure(start);
    }
}
