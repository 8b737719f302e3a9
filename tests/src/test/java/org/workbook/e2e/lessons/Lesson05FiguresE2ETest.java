package org.workbook.e2e.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.e2e.lessons.ExecutedLesson.numbers;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lesson 05 (the book's chapter 13) executed headlessly: the hand-made kernel's figures on
 * the book's 3 (762 on its top edge), the shapes of conv2d with strides and padding, the
 * simple CNN's summary, the trained accuracies (3s and 7s, then all ten digits with batch
 * norm past 0.99), every figure drawn and every exercise check passing.
 */
class Lesson05FiguresE2ETest {
    private static ExecutedLesson lesson;

    @BeforeAll
    static void execute() {
        lesson = ExecutedLesson.run("05_convolutions");
    }

    @Test
    void everyCellRunsAndEveryCheckPasses() {
        lesson.assertNoUnexpectedErrors();
        assertEquals(3, lesson.checkCellsPassed(), "the three exercises' checks print \"passed\"");
    }

    @Test
    void theTopEdgeKernelByHand() {
        assertEquals("tensor(762.)", lesson.result("var ink = im3.gt(128).nonzero();"));
        double[] v = numbers(lesson.stdout("Tensor applyKernel("));
        // "top edge at (5, 7): 762.0" then "at (8, 18): x"
        assertEquals(762.0, v[2]);
        assertEquals(-100.0, v[5], "the top-edge kernel on a vertical stroke: small beside 762");
    }

    @Test
    void convolutionShapes() {
        assertEquals("torch.Size([64, 4, 26, 26])", lesson.result("var edgeKernels = stack("));
        assertEquals("26 torch.Size([64, 4, 26, 26])\n28 torch.Size([64, 4, 28, 28])\n14 torch.Size([64, 4, 14, 14])",
            lesson.stdout("int outSize(").strip());
        String summary = lesson.stdout("void summary(");
        for (String shape : new String[] {"[64, 4, 14, 14]", "[64, 8, 7, 7]", "[64, 16, 4, 4]", "[64, 32, 2, 2]",
            "[64, 2, 1, 1]", "[64, 2])"}) {
            assertTrue(summary.contains(shape), "summary shows " + shape + ":\n" + summary);
        }
        assertTrue(summary.contains("total parameters: 6722"), summary);
    }

    @Test
    void theCnnsTrain() {
        double simple = lesson.lastTableValue("simpleCnn.to(device);", "accuracy");
        assertTrue(simple >= 0.98, "simple CNN on the 3s and 7s after 2 epochs (book 0.990): " + simple);
        double bn = lesson.lastTableValue("model.to(device);", "accuracy");
        assertTrue(bn >= 0.99, "CNN with batch norm on all digits after EPOCHS = 3 epochs: " + bn);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"var threes = MnistSample.images", "Tensor applyEverywhere(", "var leftEdge = ",
        "interact((top, mid, bottom)", "showImages(edges.get(0)", "Tensor receptiveField(",
        "double[][] activationStats(", "var first = (Conv2d)"})
    void everyFigureIsDrawn(String cell) {
        assertNotNull(lesson.figure(cell), "a PNG from the cell starting " + cell);
    }
}
