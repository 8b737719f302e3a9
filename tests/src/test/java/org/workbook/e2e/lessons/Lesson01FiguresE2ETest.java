package org.workbook.e2e.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lesson 01 (PDL lesson 3) executed as {@code ./workbook run} executes it, and
 * every figure the course prints read back from the executed notebook: the
 * numpy-seeded noisy data, the MAE of the first guess, its gradient, the
 * accumulating descent, and the pictures of the slider cells (headless, they
 * show their first state).
 */
class Lesson01FiguresE2ETest {
    private static ExecutedLesson lesson;

    @BeforeAll
    static void run() {
        lesson = ExecutedLesson.run("01_neural_net_foundations");
    }

    @Test
    void everyCellRunsAndBothExercisesPass() {
        lesson.assertNoUnexpectedErrors();
        assertEquals(2, lesson.checkCellsPassed(), "check cells that ended with \"passed\"");
    }

    @Test
    void noisyDataIsTheBooks() {
        assertEquals("tensor([[11.8690],\n        [ 6.5433],\n        [ 5.9396],\n        [ 2.6304],\n"
                + "        [ 1.7947]], dtype=torch.float64)", lesson.result("y.get(\":5\")"));
    }

    @Test
    void maeOfTheFirstGuess() {
        assertEquals("tensor(2.4219, dtype=torch.float64)", lesson.result("Tensor quad(Tensor a"));
        assertEquals("tensor(2.4219, dtype=torch.float64, grad_fn=<MeanBackward0>)",
                lesson.result("var abc = tensor(1.1, 1.1, 1.1).to(device).requiresGrad_();\nvar loss = quadMae(abc);"));
    }

    @Test
    void gradientAndOneStep() {
        assertEquals("tensor([-1.3529, -0.0316, -0.5000])", lesson.result("loss.backward();\nabc.grad()"));
        assertEquals("loss=2.40", lesson.stdout("try (var g = noGrad())").strip());
    }

    @Test
    void tenStepsWithAccumulatingGradients() {
        List<String> lines = lesson.stdout("for (int i = 0; i < 10; i++) {").strip().lines().toList();
        String[] want = {"2.40", "2.36", "2.30", "2.21", "2.11", "1.98", "1.85", "1.72", "1.58", "1.46"};
        assertEquals(want.length, lines.size(), "printed lines: " + lines);
        for (int i = 0; i < want.length; i++) {
            assertEquals("step=" + i + "; loss=" + want[i], lines.get(i));
        }
        assertEquals("tensor([1.9634, 1.1381, 1.4100], requires_grad=True)", lesson.result("abc"));
        assertEquals("tensor([-13.4260,  -1.0842,  -4.5000])", lesson.result("abc.grad()"));
    }

    @Test
    void zeroedGradientsGiveSmallSteadySteps() {
        double[] losses = ExecutedLesson.numbers(
                lesson.stdout("var abc = tensor(1.1, 1.1, 1.1).to(device).requiresGrad_();\nfor"));
        // "step=i; loss=L" for ten steps: every second number is a loss
        assertEquals(20, losses.length);
        assertEquals(2.42, losses[1], 1e-9);
        for (int i = 3; i < losses.length; i += 2) {
            assertTrue(losses[i] < losses[i - 2], "the loss must fall at every step: " + java.util.Arrays.toString(losses));
        }
        assertTrue(losses[19] > 2.0, "without the accumulated gradient, 10 steps of lr 0.01 stay above 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Tensor f(Tensor x)", "Tensor quad(double a", "scatter(x, y)", "Tensor rectifiedLinear(double m",
        "Tensor rectifiedLinear2(", "Tensor fitQuadratic("})
    void plotCellsShowAPicture(String start) {
        assertTrue(lesson.figure(start).startsWith("Figure("), start);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Figure plotQuad(", "Figure plotQuadMae(", "interact((m, b) -> plotFunction(",
        "Tensor doubleRelu(", "Tensor tripleRelu("})
    void sliderCellsShowTheirFirstStateHeadless(String start) {
        lesson.figure(start);
    }

    @Test
    void maeTitlesAreComputed() {
        assertTrue(lesson.figure("Figure plotQuadMae(").contains("MAE: 2.42"), lesson.figure("Figure plotQuadMae("));
        String fit = lesson.figure("Tensor fitQuadratic(");
        double mae = Double.parseDouble(fit.replaceAll(".*MAE: ([0-9.]+).*", "$1"));
        assertTrue(mae < 1.6, "the exercise's fitted MAE: " + fit);
    }
}
