package org.workbook.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NotebookReaderTest {
    @TempDir
    Path tmp;

    private static final String CELL = "{\"cell_type\": \"code\", \"id\": \"a\", \"metadata\": {}, \"source\": [], "
            + "\"outputs\": [], \"execution_count\": null}";

    private static String notebook(String cells) {
        return "{\n \"cells\": [" + cells + "],\n \"metadata\": {},\n \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n";
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // text | line | column | message
        "{\"cells\": [}|1|12|not valid JSON: Unexpected close marker '}'",
        "{\"cells\": []} trailing|1|23|not valid JSON",
        "{\"a\": 1, \"a\": 2}|1|13|not valid JSON: Duplicate field 'a'",
        "[1, 2]|1|1|the file is JSON but not a notebook",
        "{\"cells\": []}|1|1|no 'nbformat' field: this JSON is not a Jupyter notebook",
        "{\"nbformat\": 3, \"nbformat_minor\": 0, \"metadata\": {}, \"worksheets\": []}|1|14|nbformat 3 is not supported",
        "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}}|1|1|missing field 'cells'",
        "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": {}}|1|63|(/cells) 'cells' must be a list",
        "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": [], \"extra\": 1}|1|76|unknown field 'extra' in a notebook",
        "{\"nbformat\": 4, \"nbformat_minor\": -1, \"metadata\": {}, \"cells\": []}|1|35|expected a whole number >= 0",
    })
    void saysWhereTheJsonIsWrong(String text, int line, int column, String message) {
        InvalidNotebookException e = assertThrows(InvalidNotebookException.class,
                () -> NotebookReader.parse(text, "bad.ipynb"));
        assertTrue(e.getMessage().startsWith("bad.ipynb: line " + line + ", column " + column + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertEquals(line, e.line());
        assertEquals(column, e.column());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"cell_type\": \"text\", \"id\": \"a\", \"metadata\": {}, \"source\": []}|3|15|(/cells/0/cell_type) unknown cell type \"text\"",
        "{\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": []}|3|1|(/cells/0) missing field 'id'",
        "{\"cell_type\": \"markdown\", \"id\": \"a b\", \"metadata\": {}, \"source\": []}|3|33|invalid cell id 'a b'",
        "{\"cell_type\": \"markdown\", \"id\": \"a\", \"metadata\": {}, \"source\": [1]}|3|65|(/cells/0/source/0) expected a string",
        "{\"cell_type\": \"markdown\", \"id\": \"a\", \"metadata\": {}, \"source\": \"\", \"outputs\": []}|3|79|unknown field 'outputs' in a markdown cell",
        "{\"cell_type\": \"code\", \"id\": \"a\", \"metadata\": {}, \"source\": \"\", \"outputs\": []}|3|1|missing field 'execution_count'",
        "{\"cell_type\": \"code\", \"id\": \"a\", \"metadata\": [], \"source\": \"\", \"outputs\": [], \"execution_count\": 1}|3|46|cell metadata must be an object",
        "{\"cell_type\": \"code\", \"id\": \"a\", \"metadata\": {}, \"source\": \"\", \"outputs\": [{\"output_type\": \"stream\", \"name\": \"stdout\"}], \"execution_count\": 1}|3|76|(/cells/0/outputs/0) missing field 'text'",
        "{\"cell_type\": \"code\", \"id\": \"a\", \"metadata\": {}, \"source\": \"\", \"outputs\": [{\"output_type\": \"png\"}], \"execution_count\": 1}|3|92|unknown output type \"png\"",
        "{\"cell_type\": \"code\", \"id\": \"a\", \"metadata\": {}, \"source\": \"\", \"outputs\": [{\"output_type\": \"display_data\", \"data\": {\"text/plain\": 5}, \"metadata\": {}}], \"execution_count\": 1}|3|131|expected text",
    })
    void saysWhichFieldOfWhichCellIsWrong(String cell, int line, int column, String message) {
        InvalidNotebookException e = assertThrows(InvalidNotebookException.class,
                () -> NotebookReader.parse(notebook("\n" + cell), "bad.ipynb"));
        assertTrue(e.getMessage().startsWith("bad.ipynb: line " + line + ", column " + column + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void duplicateIdsAreAnError() {
        InvalidNotebookException e = assertThrows(InvalidNotebookException.class,
                () -> NotebookReader.parse(notebook(CELL + ",\n" + CELL), "dup.ipynb"));
        assertTrue(e.getMessage().contains("cell id 'a' is used twice (cells 0 and 1)"), e.getMessage());
    }

    @Test
    void emptyAndBinaryFilesAreNotNotebooks() throws IOException {
        Path empty = Files.writeString(tmp.resolve("empty.ipynb"), "");
        InvalidNotebookException e = assertThrows(InvalidNotebookException.class, () -> NotebookReader.read(empty));
        assertEquals(empty + ": the file is empty, so not a notebook", e.getMessage());
        Path png = Files.write(tmp.resolve("image.ipynb"), new byte[] {(byte) 0x89, 'P', 'N', 'G', (byte) 0xff});
        e = assertThrows(InvalidNotebookException.class, () -> NotebookReader.read(png));
        assertTrue(e.getMessage().contains("not UTF-8 text"), e.getMessage());
    }

    @Test
    void olderMinorVersionsGetStableIds() throws IOException {
        String v44 = "{\"cells\": [{\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": [\"# A\"]},"
                + "{\"cell_type\": \"code\", \"metadata\": {\"trusted\": true}, \"source\": \"1\", \"outputs\": [],"
                + " \"execution_count\": null}], \"metadata\": {\"orig_nbformat\": 3}, \"nbformat\": 4, \"nbformat_minor\": 4}";
        Notebook nb = NotebookReader.parse(v44, "old.ipynb");
        Notebook again = NotebookReader.parse(v44, "old.ipynb");
        assertEquals(nb.cells().stream().map(Cell::id).toList(), again.cells().stream().map(Cell::id).toList());
        assertTrue(nb.cells().get(0).id().matches("[0-9a-f]{8}"));
        assertTrue(nb.metadata().isEmpty(), "transient orig_nbformat dropped");
        assertTrue(nb.cells().get(1).metadata().isEmpty(), "transient trusted dropped");
        assertTrue(NotebookWriter.toJson(nb).contains("\"nbformat_minor\": 5"));
    }

    @Test
    void acceptsSourceAsOneStringAndAByteOrderMark() throws IOException {
        Notebook nb = NotebookReader.parse("\uFEFF" + notebook(CELL.replace("\"source\": []", "\"source\": \"a\\nb\"")), "x");
        assertEquals(List.of("a\nb"), nb.cells().stream().map(Cell::source).toList());
    }
}
