package org.workbook.kernel.eval;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tab and Shift-Tab on library types: members first, Object's internals hidden, Javadoc from the shipped sources. */
class CodeInsightTest {
    static Evaluator ev;
    static CodeInsight insight;

    @BeforeAll
    static void start() throws Exception {
        ev = Evaluator.create(Evaluator.Options.defaults());
        ev.eval("var a = ones(2, 3);", "In [1]");
        insight = new CodeInsight(ev);
    }

    @AfterAll
    static void stop() {
        ev.close();
    }

    @Test
    void tabOnATensorOffersItsMembersWithoutObjectsInternals() {
        String code = "a.";
        List<String> m = insight.complete(code, code.length()).matches();
        assertTrue(m.contains("sum("), m.toString());
        for (String hidden : List.of("wait(", "notify()", "notifyAll()", "getClass()", "hashCode()", "storage()", "setGradFn(")) {
            assertFalse(m.contains(hidden), hidden + " offered: " + m);
        }
        assertTrue(m.indexOf("equals(") > m.indexOf("view("), "Object's equals comes after the library's members: " + m);
    }

    @Test
    void aHiddenMemberIsOfferedOnceItsNameIsTyped() {
        String code = "a.getC";
        assertTrue(insight.complete(code, code.length()).matches().contains("getClass()"));
    }

    @Test
    void shiftTabShowsTheLibrarysJavadoc() {
        String code = "a.view(2, 3)";
        String doc = insight.inspect(code, 4);
        assertNotNull(doc);
        assertTrue(doc.contains("Tensor TensorOps.view(int... shape)"), doc);
        assertTrue(doc.contains("Same data, new shape (one size may be -1); fails like torch's when the layout does not allow it."), doc);
    }

    @Test
    void parametersMatchByTypeWithOrWithoutNames() {
        // JDK 17's JShell shows parameter names, JDK 25's does not: both find the same method
        assertEquals(List.of("int..."), LibraryDocs.types("int... shape"));
        assertEquals(List.of("int..."), LibraryDocs.types("int..."));
        assertEquals(List.of("Map<String,Tensor>", "int[]", "double"),
                LibraryDocs.types("java.util.Map<String, org.workbook.tensor.Tensor> m, final int[] a,  double x"));
        assertEquals(LibraryDocs.types("Map<String,Tensor>, int[], double"),
                LibraryDocs.types("Map<String, Tensor> m, int[] a, double x"));
        assertEquals(List.of(), LibraryDocs.types(""));
        LibraryDocs.Doc doc = LibraryDocs.find("Tensor TensorOps.view(int...)").orElseThrow();
        assertEquals("Tensor TensorOps.view(int... shape)", doc.signature("Tensor TensorOps.view(int...)"));
    }

    @Test
    void theFirstParagraphAndTheJshellExampleAreKept() {
        String comment = """
                 * Runs {@code x} through {@link Module#forward forward}.
                 * More detail that Shift-Tab leaves out.
                 *
                 * <pre>{@code
                 * jshell> new Linear(2, 3).apply(ones(1, 2)).shape()
                 * $1 ==> [1, 3]
                 * }</pre>
                 * @param x the input
                """;
        assertEquals("Runs x through forward. More detail that Shift-Tab leaves out.\n\n"
                + "jshell> new Linear(2, 3).apply(ones(1, 2)).shape()\n$1 ==> [1, 3]", LibraryDocs.render(comment));
    }
}
