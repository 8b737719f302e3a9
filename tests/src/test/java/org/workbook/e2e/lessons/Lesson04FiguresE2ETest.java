package org.workbook.e2e.lessons;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.e2e.lessons.ExecutedLesson.numbers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Lesson 04 (the ML course's lesson 9) executed headlessly: the broadcasting and
 * matmul figures exactly as the course printed them (in torch's print format),
 * the trained accuracies and the hand-written loop's losses in range.
 */
class Lesson04FiguresE2ETest {
    private static final Pattern LOOP_LINE = Pattern.compile("loss: (\\d+\\.\\d+) \t accuracy: (\\d+\\.\\d+)");
    private static ExecutedLesson lesson;

    @BeforeAll
    static void execute() {
        lesson = ExecutedLesson.run("04_broadcasting_and_sgd");
    }

    @Test
    void everyCellRunsAndEveryCheckPasses() {
        lesson.assertNoUnexpectedErrors();
        assertEquals(1, lesson.checkCellsPassed(), "the broadcasting exercise's check prints \"passed\"");
        double sgd = numbers(lesson.result("manualSeed(1);"))[0];
        assertTrue(sgd >= 0.9, "the hand-written SGD exercise reaches 0.9: " + sgd);
    }

    @Test
    void logisticRegressionTrainsForEpochsEpochs() {
        assertEquals("[torch.Size([50000, 784]), torch.Size([10000, 784])]", lesson.result("manualSeed(42);"));
        String fit = "var net = new Sequential(new Linear(28*28, 10), new LogSoftmax(1)).to(device);";
        assertEquals(5, lesson.tableRows(fit), "EPOCHS = 5 rows");
        double acc = lesson.lastTableValue(fit, "accuracy");
        assertTrue(acc >= 0.915 && acc < 0.94, "logistic regression after 5 epochs: " + acc);
        double hand = lesson.lastTableValue("Parameter getWeights(int... dims)", "accuracy");
        assertTrue(hand >= 0.91 && hand < 0.94, "hand-written LogReg after one epoch (course 0.92406): " + hand);
    }

    @Test
    void theModelIsCalledAsAFunctionOnOneBatch() {
        assertEquals("[torch.Size([64, 784]), torch.Size([64])]", lesson.result("var dl = md.train().iterator();"));
        assertTrue(lesson.result("xmb").startsWith("tensor([[-0.4245, -0.4245, -0.4245,  ..., -0.4245, -0.4245, -0.4245],"));
        assertEquals("torch.Size([64, 10])", lesson.result("var probs = net2.apply(xmb).exp();"));
        double[] p = numbers(lesson.result("probs.get(\":3\")"));
        assertEquals(30, p.length);
        double[] sums = numbers(lesson.result("List.of(probs.sum(1).get(\":3\")"));
        assertArrayEquals(new double[] {1, 1, 1}, Arrays.copyOf(sums, 3), 1e-4);
    }

    @Test
    void hiddenLayersReachTheCoursesAccuracy() {
        double one = lesson.lastTableValue("var net3 = new Sequential(", "accuracy");
        assertTrue(one >= 0.945 && one < 0.975, "one hidden layer after one epoch (course ~0.96): " + one);
        double two = lesson.lastTableValue("var net4 = new Sequential(", "accuracy");
        assertTrue(two >= 0.945 && two < 0.98, "two hidden layers after one epoch: " + two);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "var a = tensor(10, 6, -4);|tensor([12, 14,  3])",
        "a.lt(b)|tensor([False,  True,  True])",
        "a.lt(b).toFloat().mean()|tensor(0.6667)",
        "a.gt(0)|tensor([ True,  True, False])",
        "a.add(1)|tensor([11,  7, -3])",
        "var m = tensor(|tensor([[1, 2, 3],\\n        [4, 5, 6],\\n        [7, 8, 9]])",
        "m.mul(2)|tensor([[ 2,  4,  6],\\n        [ 8, 10, 12],\\n        [14, 16, 18]])",
        "var c = tensor(10, 20, 30);|tensor([[11, 22, 33],\\n        [14, 25, 36],\\n        [17, 28, 39]])",
        "c.unsqueeze(1).shape()|torch.Size([3, 1])",
        "c.unsqueeze(1)|tensor([[10],\\n        [20],\\n        [30]])",
        "m.add(c.unsqueeze(1))|tensor([[11, 12, 13],\\n        [24, 25, 26],\\n        [37, 38, 39]])",
        "c.get(\"None\")|tensor([[10, 20, 30]])",
        "c.get(\"None\").shape()|torch.Size([1, 3])",
        "c.get(\":, None\").shape()|torch.Size([3, 1])",
        "c.get(\"None, :, None\").shape()|torch.Size([1, 3, 1])",
        "c.broadcastTo(3, 3)|tensor([[10, 20, 30],\\n        [10, 20, 30],\\n        [10, 20, 30]])",
        "c.broadcastTo(m.shape().toArray())|tensor([[10, 20, 30],\\n        [10, 20, 30],\\n        [10, 20, 30]])",
        "Arrays.toString(c.broadcastTo(3, 3).stride())|[0, 1]",
        "c.get(\":, None\").broadcastTo(m.shape().toArray())|tensor([[10, 10, 10],\\n        [20, 20, 20],\\n        [30, 30, 30]])",
        "var image = rand(256, 256, 3);|torch.Size([256, 256, 3])",
        "c.get(\":, None\").mul(c.get(\"None\"))|tensor([[100, 200, 300],\\n        [200, 400, 600],\\n        [300, 600, 900]])",
        "c.get(\":, None\").add(c.get(\"None\"))|tensor([[20, 30, 40],\\n        [30, 40, 50],\\n        [40, 50, 60]])",
        "c.get(\":, None\").gt(c.get(\"None\"))|tensor([[False, False, False],\\n        [ True, False, False],\\n        [ True,  True, False]])",
        "var xg = arange(5).get(\":, None\");|tensor([[0, 1, 2, 3, 4],\\n        [1, 2, 3, 4, 5],\\n        [2, 3, 4, 5, 6],\\n        [3, 4, 5, 6, 7],\\n        [4, 5, 6, 7, 8]])",
        "m.matmul(c)|tensor([140, 320, 500])",
        "m.mul(c)|tensor([[ 10,  40,  90],\\n        [ 40, 100, 180],\\n        [ 70, 160, 270]])",
        "m.mul(c).sum(1)|tensor([140, 320, 500])",
        "var n = tensor(|tensor([[140,  25],\\n        [320, 130],\\n        [500, 235]])",
        "m.mul(n.get(\":, 0\")).sum(1)|tensor([140, 320, 500])",
        "m.mul(n.get(\":, 1\")).sum(1)|tensor([ 25, 130, 235])",
        "Tensor matmul(Tensor a, Tensor b) {|tensor([[140,  25],\\n        [320, 130],\\n        [500, 235]])",
        "var r1 = randn(64, 784);|[true, true]",
    })
    void broadcastingAndMatmulFiguresAreExact(String cellStart, String expected) {
        assertEquals(expected.replace("\\n", "\n"), lesson.result(cellStart));
    }

    @Test
    void shapesThatDoNotBroadcastFailWithBothShapes() {
        String err = lesson.error("m.add(tensor(1, 2))");
        assertTrue(err.contains("a [3, 3], b [2]"), err);
    }

    @Test
    void aScaledImageScalesEachChannel() {
        double[] px = numbers(lesson.result("List.of(image.get(\"0, 0\"), scaled.get(\"0, 0\"))"));
        assertEquals(6, px.length);
        double[] scale = {0.5, 1.0, 2.0};
        for (int i = 0; i < 3; i++) {
            assertEquals(px[i] * scale[i], px[3 + i], 1.5e-4, "channel " + i);
        }
    }

    @Test
    void theLogRegOnTheHandWrittenMatmulTrains() {
        double acc = lesson.lastTableValue("class HandLogReg extends Module {", "accuracy");
        assertTrue(acc >= 0.91 && acc < 0.94, "LogReg on our matmul after one epoch (course 0.92406): " + acc);
    }

    @Test
    void theTrainingLoopPrintsFallingLossesAndTheHandStepRepeatsThem() {
        List<double[]> lib = loop(lesson.stdout("double lr = 0.1;"));
        List<double[]> hand = loop(lesson.stdout("manualSeed(7);"));
        assertEquals(10, lib.size(), "one line every 10 of 100 steps");
        double first = lib.get(0)[0];
        assertTrue(first > 2.0 && first < 2.5, "the first loss is about ln 10: " + first);
        double lastLoss = 0;
        double lastAcc = 0;
        for (int i = 7; i < 10; i++) {
            lastLoss += lib.get(i)[0] / 3;
            lastAcc += lib.get(i)[1] / 3;
        }
        assertTrue(lastLoss > 0.3 && lastLoss < 0.6, "the last losses (course 0.40-0.48): " + lastLoss);
        assertTrue(lastAcc > 0.82 && lastAcc < 0.95, "the last batch accuracies (course 0.875-0.906): " + lastAcc);
        assertEquals(lib.size(), hand.size());
        for (int i = 0; i < lib.size(); i++) {
            assertArrayEquals(lib.get(i), hand.get(i), 2e-4, "line " + i + ": p -= lr * grad by hand is SGD's step");
        }
        assertEquals("Figure(1x1, 600x400 px, 'SGD, lr = 0.1, batches of 64')", lesson.figure("plot(losses)"));
        double[] valid = numbers(lesson.result("Tensor validAccuracy(Module model) {"));
        assertEquals(valid[0], valid[1], 2e-4);
        assertTrue(valid[0] > 0.85, "validation accuracy after 100 steps: " + valid[0]);
    }

    private static List<double[]> loop(String printed) {
        List<double[]> out = new ArrayList<>();
        Matcher m = LOOP_LINE.matcher(printed);
        while (m.find()) {
            out.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
        }
        return out;
    }
}
