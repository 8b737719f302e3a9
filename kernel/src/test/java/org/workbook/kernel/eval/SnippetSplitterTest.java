package org.workbook.kernel.eval;

import jdk.jshell.JShell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnippetSplitterTest {
    static JShell shell;
    static SnippetSplitter splitter;

    @BeforeAll
    static void start() {
        shell = JShell.builder().executionEngine("local").build();
        splitter = new SnippetSplitter(shell.sourceCodeAnalysis());
    }

    @AfterAll
    static void stop() {
        shell.close();
    }

    @Test
    void splitsStatementsMethodsAndClassesWithTheirOffsets() {
        String cell = "int a = 1;\n\nint f(int x) {\n  return x + a;\n}\n// a comment\nclass P { }\nf(2)";
        List<SnippetSplitter.Piece> pieces = splitter.split(cell);
        assertEquals(4, pieces.size(), pieces.toString());
        assertEquals("int a = 1;", pieces.get(0).source());
        assertEquals(0, pieces.get(0).start());
        assertTrue(pieces.get(1).source().startsWith("int f(int x) {"));
        assertEquals(cell.indexOf("int f"), pieces.get(1).start());
        assertEquals(cell.indexOf("f(2)"), pieces.get(3).start());
        for (SnippetSplitter.Piece p : pieces) {
            String stripped = p.source().endsWith(";") && !cell.startsWith(p.source(), p.start())
                    ? p.source().substring(0, p.source().length() - 1) : p.source();
            assertTrue(cell.startsWith(stripped.substring(0, Math.min(8, stripped.length())), p.start()), p.toString());
        }
    }

    @Test
    void incompleteTailIsKeptSoItsErrorIsReported() {
        List<SnippetSplitter.Piece> pieces = splitter.split("int a = 1;\nfor (int i = 0; i < 3; i++) {");
        assertEquals(2, pieces.size());
        assertEquals("for (int i = 0; i < 3; i++) {", pieces.get(1).source());
    }

    @Test
    void snippetStartFindsTheSnippetUnderTheCursor() {
        String code = "int a = 1;\nSystem.out.printl";
        assertEquals(code.indexOf("System"), splitter.snippetStart(code, code.length()));
        assertEquals(0, splitter.snippetStart("Math.ma", 7));
    }

    @Test
    void startupImportsGiveLibraryNamesPriorityOverJavaLang() {
        List<String> imports = StartupImports.forClasses(Set.of("org.workbook.nn.Module", "org.workbook.nn.Linear",
                "org.workbook.tensor.Tensors", "org.workbook.tensor.Tensor", "org.workbook.backend.cpu.Kernels"));
        assertTrue(imports.contains("import org.workbook.nn.*;"));
        assertTrue(imports.contains("import org.workbook.nn.Module;"), imports.toString());
        assertTrue(imports.contains("import static org.workbook.tensor.Tensors.*;"));
        assertTrue(imports.stream().noneMatch(i -> i.contains("backend")), "internal packages are not imported");
        assertTrue(imports.stream().noneMatch(i -> i.contains("org.workbook.nn.Linear;")));
    }
}
