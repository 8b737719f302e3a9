package org.workbook.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class NbgraderTest {
    private static Cell check(String source, String id, com.fasterxml.jackson.databind.JsonNode points) {
        Cell c = Cell.code(source);
        c.metadata().set("nbgrader", Nbgrader.check(id, points));
        return c;
    }

    @Test
    void checksumsMatchNbgradersComputeChecksum() {
        // Reference values from nbgrader 0.9.6's nbgrader.utils.compute_checksum on the same cells.
        String src = "if (squares[4] != 16) {\n    throw new AssertionError(\"é\");\n}";
        assertEquals("05359e073ed30424dfd0d22605132bf2",
                Nbgrader.checksum(check(src, "squares-check", IntNode.valueOf(1))));
        assertEquals("0272b8ef45d1410d42c5c53789371338",
                Nbgrader.checksum(check(src, "squares-check", DoubleNode.valueOf(1.5))));
        Cell task = Cell.code("int f() {\n    throw new UnsupportedOperationException(\"your code here\");\n}");
        task.metadata().set("nbgrader", Nbgrader.solution("f"));
        assertEquals("ce9955dc7310cfe62f1e18654b69bcdc", Nbgrader.checksum(task));
    }

    @Test
    void checksumNeedsAnNbgraderCell() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Nbgrader.checksum(Cell.code("x")));
        assertTrue(e.getMessage().contains("only nbgrader cells"), e.getMessage());
    }

    @Test
    void metadataFormsAreSchemaVersion3() {
        ObjectNode s = Nbgrader.solution("mse");
        assertEquals("{\"grade\":false,\"grade_id\":\"mse\",\"locked\":false,\"schema_version\":3,"
                + "\"solution\":true,\"task\":false}", s.toString());
        ObjectNode c = Nbgrader.check("mse-check", IntNode.valueOf(2));
        assertTrue(c.path("grade").asBoolean() && c.path("locked").asBoolean());
        assertEquals(2, c.path("points").asInt());
    }

    @Test
    void recognisesOnlyItsOwnForms() {
        assertEquals("mse", Nbgrader.solutionId(Nbgrader.solution("mse")).orElseThrow());
        ObjectNode withChecksum = Nbgrader.solution("mse").put("checksum", "abc");
        assertEquals("mse", Nbgrader.solutionId(withChecksum).orElseThrow());
        assertFalse(Nbgrader.solutionId(Nbgrader.solution("mse").put("extra", 1)).isPresent());
        assertFalse(Nbgrader.solutionId(Nbgrader.solution("mse").put("locked", true)).isPresent());
        assertEquals("c", Nbgrader.check(Nbgrader.check("c", IntNode.valueOf(3))).orElseThrow().id);
        assertFalse(Nbgrader.check(Nbgrader.check("c", IntNode.valueOf(0))).isPresent(), "zero points");
        assertFalse(Nbgrader.check(Nbgrader.solution("c")).isPresent());
    }
}
