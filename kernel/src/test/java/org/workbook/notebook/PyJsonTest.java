package org.workbook.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PyJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void floatsPrintLikePythonsRepr() {
        // 620 doubles (random bit patterns and magnitudes) with the repr CPython gave them.
        List<String> wrong = new ArrayList<>();
        int n = 0;
        for (String line : Fixtures.text("float-repr.txt").split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] parts = line.split(" ");
            double d = Double.longBitsToDouble(Long.parseUnsignedLong(parts[0], 16));
            String got = PyJson.floatRepr(d);
            if (!got.equals(parts[1])) {
                wrong.add(parts[1] + " printed as " + got);
            }
            n++;
        }
        assertTrue(n > 600, "the table was read");
        assertEquals(List.of(), wrong);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"b\": 1, \"a\": {}, \"C\": []}|{\\n \"C\": [],\\n \"a\": {},\\n \"b\": 1\\n}",
        "[1, [2, [3]]]|[\\n 1,\\n [\\n  2,\\n  [\\n   3\\n  ]\\n ]\\n]",
        "{\"x\": null, \"y\": true, \"z\": false}|{\\n \"x\": null,\\n \"y\": true,\\n \"z\": false\\n}",
        "12345678901234567890123|12345678901234567890123",
        "-0.0|-0.0",
        "1e2|100.0",
    })
    void indentsAndSortsLikeJsonDumps(String json, String expected) throws Exception {
        assertEquals(expected.replace("\\n", "\n"), PyJson.indented(MAPPER.readTree(json)));
    }

    @Test
    void escapesOnlyWhatPythonEscapes() throws Exception {
        JsonNode s = MAPPER.getNodeFactory().textNode("q\" b\\ n\n r\r t\t b\b f\f \u0001 \u001b \u007f é 😀 </script>");
        assertEquals("\"q\\\" b\\\\ n\\n r\\r t\\t b\\b f\\f \\u0001 \\u001b \u007f é 😀 </script>\"",
                PyJson.indented(s));
    }

    @Test
    void sortsKeysByCodePointAsPythonDoes() throws Exception {
        // U+E000 sorts before U+1F600 by code point, after it by UTF-16 unit (a surrogate, D83D).
        JsonNode n = MAPPER.readTree("{\"😀\": 1, \"\ue000\": 2, \"a\": 3}");
        assertEquals("{\n \"a\": 3,\n \"\ue000\": 2,\n \"😀\": 1\n}", PyJson.indented(n));
    }

    @Test
    void oneLineKeepsHtmlCommentsClosed() throws Exception {
        JsonNode n = MAPPER.readTree("{\"b\": [1, 2], \"a\": \"x --> y\"}");
        assertEquals("{\"a\": \"x --\\u003e y\", \"b\": [1, 2]}", PyJson.oneLine(n));
        assertEquals(n, MAPPER.readTree(PyJson.oneLine(n)));
    }

    @Test
    void splitsLinesLikePythonSplitlines() {
        assertEquals(List.of(), PyLines.split(""));
        assertEquals(List.of("a\n", "b\r\n", "c\r", "d\u2028", "e\u000b", "f"), PyLines.split("a\nb\r\nc\rd\u2028e\u000bf"));
        assertEquals(List.of("\n", "\n"), PyLines.split("\n\n"));
        assertEquals(List.of("x"), PyLines.split("x"));
    }
}
