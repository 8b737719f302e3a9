package org.workbook.kernel.hints;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.workbook.kernel.eval.CellException;
import org.workbook.kernel.eval.Evaluator;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each row of {@link PythonHabits}'s table, and "did you mean", on real javac diagnostics from a real session. */
class PythonHabitsTest {
    static Evaluator ev;

    @BeforeAll
    static void start() throws Exception {
        ev = Evaluator.create(Evaluator.Options.defaults());
        ev.eval("var a = ones(2); var b = ones(2); var n = new Linear(2, 3); List<Integer> li = List.of(1); String s = \"hi\";",
                "In [1]");
    }

    @AfterAll
    static void stop() {
        ev.close();
    }

    static Stream<Arguments> habits() {
        return Stream.of(
                Arguments.of("operator on tensors", "a + b", "write a.add(b) for a + b"),
                Arguments.of("operator on tensors", "a - 1", "write a.sub(1) for a - 1"),
                Arguments.of("operator on tensors", "2 * a", "write a.mul(2) for 2 * a"),
                Arguments.of("operator on tensors", "a / b.sum()", "write a.div(b.sum()) for a / b.sum()"),
                Arguments.of("operator on tensors", "a > 0", "write a.gt(0)"),
                Arguments.of("operator on tensors", "a += b;", "write a.add_(b) for a += b"),
                Arguments.of("unary minus on a tensor", "-a", "write a.neg() for -a"),
                Arguments.of("[] on a tensor", "a[0]", "write a.get(0) for a[0]"),
                Arguments.of("[] on a tensor", "a[0][1]", "write a.get(0, 1) for a[0][1]"),
                Arguments.of("[] on a tensor", "a[0] = 3;", "write a.set(\"0\", 3) for a[0] = 3"),
                Arguments.of("q[0, 1] and q[:, 0] on a tensor", "a[0, 1]", "write a.get(0, 1) for a[0, 1]"),
                Arguments.of("q[0, 1] and q[:, 0] on a tensor", "a[:, 0]", "write a.get(\":, 0\") for a[:, 0]"),
                Arguments.of("x.float(), x.int()", "a.float()", "the method is toFloat(): write a.toFloat()"),
                Arguments.of("x.float(), x.int()", "a.sum().int()", "write a.sum().toInt()"),
                Arguments.of("x.float(), x.int()", "a.long()", "write a.toLong()"),
                Arguments.of("** for powers", "a ** 2", "write a.pow(2) for a ** 2"),
                Arguments.of("** for powers", "double p = 2.0 ** 3;", "write Math.pow(2.0, 3) for 2.0 ** 3"),
                Arguments.of("and, or, not", "boolean t = true and false;", "Java writes and as &&"),
                Arguments.of("and, or, not", "boolean t = true or false;", "Java writes or as ||"),
                Arguments.of("and, or, not", "boolean t = not true;", "Java writes not as !"),
                Arguments.of("f-strings", "String t = f\"x={a} and {s:>4}!\";", "write \"x=\" + a + \" and \" + s + \"!\""),
                Arguments.of("len(x)", "len(a)", "write a.size(0) for len(a)"),
                Arguments.of("len(x)", "len(li)", "write li.size() for len(li)"),
                Arguments.of("len(x)", "len(s)", "write s.length() for len(s)"),
                Arguments.of("range(...) in a for", "for (int i : range(3)) { }", "write for (int i = 0; i < 3; i++)"),
                Arguments.of("range(...) in a for", "for (var j : range(1, 10, 2)) { }", "write for (int j = 1; j < 10; j += 2)"),
                Arguments.of("print(x)", "print(a)", "System.out.println(a)"),
                Arguments.of("Linear(2, 3) without new", "var m = Linear(2, 3);", "write new Linear(2, 3)"),
                Arguments.of("None, True, False", "Tensor q = None;", "Java writes None as null"),
                Arguments.of("None, True, False", "boolean t = True;", "Java writes True as true"),
                Arguments.of("x.shape without ()", "a.shape", "write a.shape()"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("habits")
    void eachHabitGetsItsJavaForm(String habit, String cell, String hint) {
        String text = hintsOf(cell);
        assertTrue(text.contains("hint: ") && text.contains(hint), habit + ": expected a hint with [" + hint + "], got:\n" + text);
    }

    @Test
    void everyRowOfTheTableIsTested() {
        Set<String> tested = habits().map(a -> (String) a.get()[0]).collect(Collectors.toCollection(TreeSet::new));
        Set<String> rows = PythonHabits.table().stream().map(PythonHabits.Habit::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(rows, tested);
    }

    static Stream<Arguments> typos() {
        return Stream.of(
                Arguments.of("a.summ()", "did you mean sum()?"),
                Arguments.of("a.T", "did you mean t()?"),
                Arguments.of("a.resahpe(2, 1)", "did you mean reshape()?"),
                Arguments.of("n.forwrd(a)", "did you mean forward()?"),
                Arguments.of("Tensor z = onez(3);", "did you mean ones()?"),
                Arguments.of("int myCount = 3;\nmyCuont + 1", "did you mean myCount?"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typos")
    void unknownMembersOfLibraryTypesGetTheNearestNames(String cell, String hint) {
        String text = hintsOf(cell);
        assertTrue(text.contains(hint), "expected [" + hint + "], got:\n" + text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("noHints")
    void errorsThatAreNotPythonHabitsGetNoHint(String cell) {
        String text = hintsOf(cell);
        assertTrue(!text.contains("hint:"), "no hint expected, got:\n" + text);
    }

    static Stream<String> noHints() {
        return Stream.of("int x = \"s\";", "a.zzzzzzzz()", "li + 1", "undefinedName + 1", "a.hashCod()");
    }

    @Test
    void objectMembersAreNeverOffered() {
        List<String> members = DidYouMean.members(org.workbook.tensor.Tensor.class);
        assertTrue(members.contains("sum()"), members.toString());
        assertTrue(!members.contains("wait()") && !members.contains("getClass()"), members.toString());
    }

    @Test
    void editDistanceCountsASwapOnce() {
        assertEquals(1, DidYouMean.distance("summ", "sum"));
        assertEquals(1, DidYouMean.distance("resahpe", "reshape"));
        assertEquals(List.of("mean()"), DidYouMean.nearest("maen", List.of("mean()", "max()", "min()")));
        assertEquals(List.of("myCount"), DidYouMean.nearest("myCuont", List.of("myCount", "myCount()", "count")).subList(0, 1));
    }

    private static String hintsOf(String cell) {
        CellException e = assertThrows(CellException.class, () -> ev.eval(cell, "In [2]"), cell);
        return String.join("\n", e.traceback()).replaceAll("\u001b\\[[0-9;]*m", "");
    }
}
