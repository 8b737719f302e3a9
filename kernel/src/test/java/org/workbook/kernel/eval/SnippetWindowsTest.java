package org.workbook.kernel.eval;

import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The splitter asks JShell about bounded windows of a cell (linear time); the
 * old way asked about the whole rest of the cell for every snippet (quadratic).
 * On long random cells, with the constructs whose end depends on what follows
 * ({@code else}, {@code catch}, comments, text blocks) placed across window
 * edges, both must cut the same snippets at the same offsets.
 */
class SnippetWindowsTest {
    static JShell shell;

    @BeforeAll
    static void start() {
        shell = JShell.builder().executionEngine("local").build();
    }

    @AfterAll
    static void stop() {
        shell.close();
    }

    static final String[] FRAGMENTS = {
        "int a%d = %d;\n",
        "if (a0 > 1) a0++;\nelse a0--;\n",
        "if (a0 > 1) a0++;\n\n// between\n/* and\n   more */\nelse a0--;\n",
        "try { a0++; }\ncatch (RuntimeException e) { }\nfinally { a0--; }\n",
        "int f%d(int x) {\n  return x + %d;\n}\n",
        "class K%d {\n  int v = %d;\n}\n",
        "String t%d = \"\"\"\n  text ; } else\n  \"\"\";\n",
        "// a comment with ; and }\n",
        "/* block ; { */\n",
        "\n\n\n",
        "System.out.println(\"%d;\");\n",
        "do { a0++; }\nwhile (a0 < %d);\n",
        "for (int i = 0; i < %d; i++) {\n  a0 += i;\n}\n",
        "a0\n  += 2;\n",
        // longer than a window: the window must grow
        "int g%d() {\n" + "  int q = 0; // a line of a long method\n".repeat(40) + "  return q;\n}\n",
    };

    /** The splitter before windows: analyzeCompletion on the whole rest each time. */
    static List<SnippetSplitter.Piece> reference(SourceCodeAnalysis analysis, String cell) {
        List<SnippetSplitter.Piece> pieces = new ArrayList<>();
        int pos = 0;
        String rest = cell;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            SourceCodeAnalysis.Completeness c = info.completeness();
            if (c == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            if (!c.isComplete()) {
                int lead = SnippetSplitter.leadingSpace(rest);
                pieces.add(new SnippetSplitter.Piece(rest.substring(lead), pos + lead));
                break;
            }
            int consumed = rest.length() - info.remaining().length();
            String source = info.source().stripLeading();
            pieces.add(new SnippetSplitter.Piece(source, pos + SnippetSplitter.locate(rest.substring(0, consumed), source)));
            pos += consumed;
            rest = info.remaining();
        }
        return pieces;
    }

    @Test
    void longRandomCellsSplitAsBefore() {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        SnippetSplitter splitter = new SnippetSplitter(analysis);
        Random r = new Random(15);
        for (int round = 0; round < 12; round++) {
            StringBuilder cell = new StringBuilder();
            while (cell.length() < 8 * SnippetSplitter.WINDOW) {
                int i = r.nextInt(FRAGMENTS.length);
                cell.append(FRAGMENTS[i].replace("%d", String.valueOf(r.nextInt(1000))));
            }
            if (round % 3 == 0) {
                cell.append("for (int i = 0; i < 3; i++) {"); // an incomplete tail
            }
            String c = cell.toString();
            assertEquals(reference(analysis, c), splitter.split(c), "round " + round);
        }
    }

    @Test
    void theTextAnalysedGrowsLinearlyWithTheCell() {
        // The old splitter analysed the whole rest of the cell per snippet: for 20,000 one-line
        // statements about 20,000^2 * 9 / 2 = 1.8e9 characters (22.5 s for 1,000 statements, 240 s for 5,000).
        SnippetSplitter splitter = new SnippetSplitter(shell.sourceCodeAnalysis());
        for (int n : new int[] {2_000, 20_000}) {
            String cell = "s0 += 1;\n".repeat(n);
            long before = splitter.charactersAnalyzed();
            assertEquals(n, splitter.split(cell).size());
            long per = (splitter.charactersAnalyzed() - before) / n;
            assertTrue(per <= SnippetSplitter.WINDOW + 64, n + " statements: " + per + " characters analysed per statement");
        }
    }
}
