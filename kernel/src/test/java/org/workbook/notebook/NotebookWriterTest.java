package org.workbook.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookWriterTest {
    @TempDir
    Path tmp;

    @Test
    void rewritesAJupyterWrittenNotebookByteForByte() throws IOException {
        // Written by nbformat itself: every output type, attachments, floats, non-ASCII keys, controls.
        String jupyter = Fixtures.text("jupyter-written.ipynb");
        Notebook nb = NotebookReader.parse(jupyter, "jupyter-written.ipynb");
        assertEquals(jupyter, NotebookWriter.toJson(nb));
    }

    @Test
    void readsWhatJupyterWrote() throws IOException {
        Notebook nb = NotebookReader.parse(Fixtures.text("jupyter-written.ipynb"), "x");
        assertEquals(5, nb.cells().size());
        Cell md = nb.cells().get(0);
        assertEquals("md-1", md.id());
        assertTrue(md.source().startsWith("# Tïtle 日本\n\nA line with trailing spaces  \n"), md.source());
        assertEquals("alt\ntext\n", md.attachments().path("img.png").path("text/plain").asText());
        Cell code = nb.cells().get(1);
        assertEquals(7, code.executionCount());
        assertEquals(List.of("check", "raises-exception"), code.tags());
        assertEquals("fragment", code.slideType().orElseThrow());
        List<Output> outs = code.outputs();
        assertEquals(Output.stdout("0\n1\n2\n"), outs.get(0));
        assertEquals("warn: \u001b[31mred\u001b[0m\nno newline", outs.get(1).text());
        assertEquals(OutputType.DISPLAY_DATA, outs.get(2).type());
        assertEquals("<b>x</b>\n<i>y</i>", outs.get(2).data().get("text/html").asText());
        assertEquals(2.0, outs.get(2).data().get("application/json").path("a").get(1).asDouble());
        assertEquals(640, outs.get(2).metadata().path("image/png").path("width").asInt());
        assertEquals(7, outs.get(3).executionCount());
        assertEquals("java.lang.IllegalStateException", outs.get(4).ename());
        assertEquals(3, outs.get(4).traceback().size());
        assertEquals("", nb.cells().get(2).source());
        assertEquals(CellType.RAW, nb.cells().get(3).type());
    }

    @Test
    void writesJupytersLayout() {
        Notebook nb = new Notebook();
        nb.cells().add(Cell.code("a\nb").setId("c1"));
        String expected = "{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n   \"execution_count\": null,\n"
                + "   \"id\": \"c1\",\n   \"metadata\": {},\n   \"outputs\": [],\n   \"source\": [\n    \"a\\n\",\n"
                + "    \"b\"\n   ]\n  }\n ],\n \"metadata\": {},\n \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n";
        assertEquals(expected, NotebookWriter.toJson(nb));
    }

    @Test
    void outputsMadeFromJavaMapsStoreJsonAsJsonAndTextAsLines() throws IOException {
        Notebook nb = new Notebook();
        Cell c = Cell.code("show()").setId("c").setExecutionCount(3);
        c.outputs().add(Output.displayData(Map.of("text/plain", "one\ntwo", "application/json", "{\"k\": [1]}"),
                Map.of("image/png", Map.of("width", 320))));
        c.outputs().add(Output.executeResult(3, Map.of("text/plain", "42"), Map.of()));
        nb.cells().add(c);
        String json = NotebookWriter.toJson(nb);
        assertTrue(json.contains("\"text/plain\": [\n       \"one\\n\",\n       \"two\"\n      ]"), json);
        assertTrue(json.contains("\"application/json\": {\n       \"k\": [\n        1\n"), json);
        assertEquals(nb, NotebookReader.parse(json, "x"));
    }

    @Test
    void givesCellsWithoutIdsTheirStableIds() {
        Notebook nb = new Notebook();
        nb.cells().add(Cell.markdown("same"));
        nb.cells().add(Cell.markdown("same"));
        nb.cells().add(Cell.code("x").setId("mine"));
        String json = NotebookWriter.toJson(nb);
        Notebook copy = nb.copy();
        copy.cells().get(2).setId(null);
        CellIds.assign(copy.cells());
        assertTrue(json.contains("\"id\": \"" + copy.cells().get(0).id() + "\""), json);
        assertTrue(json.contains("\"id\": \"" + copy.cells().get(1).id() + "\""), json);
        assertTrue(json.contains("\"id\": \"mine\""), json);
        assertEquals(json, NotebookWriter.toJson(nb), "same notebook, same ids");
    }

    @Test
    void refusesDuplicateIds() {
        Notebook nb = new Notebook();
        nb.cells().add(Cell.code("a").setId("x"));
        nb.cells().add(Cell.code("b").setId("x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NotebookWriter.toJson(nb));
        assertTrue(e.getMessage().contains("two cells share the id 'x'"), e.getMessage());
    }

    @Test
    void writesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path file = tmp.resolve("sub/dir/nb.ipynb");
        Notebook nb = Notebook.forWorkbookKernel();
        nb.cells().add(Cell.code("1 + 1"));
        NotebookWriter.write(nb, file);
        NotebookWriter.write(nb, file);
        assertEquals(nb.cells().get(0).source(), NotebookReader.read(file).cells().get(0).source());
        try (var s = Files.list(file.getParent())) {
            assertEquals(List.of(file), s.toList());
        }
    }

    @Test
    void neverWritesOverTheInput() throws IOException {
        Path input = tmp.resolve("in.ipynb");
        Notebook nb = Notebook.forWorkbookKernel();
        NotebookWriter.write(nb, input);
        String before = Files.readString(input);
        nb.cells().add(Cell.code("changed"));
        IOException e = assertThrows(IOException.class,
                () -> NotebookWriter.writeNotOver(nb, tmp.resolve("./x/../in.ipynb"), input));
        assertTrue(e.getMessage().contains("it is the input"), e.getMessage());
        assertEquals(before, Files.readString(input));
        NotebookWriter.writeNotOver(nb, tmp.resolve("out.ipynb"), input);
        assertTrue(Files.exists(tmp.resolve("out.ipynb")));
    }

    @Test
    void writeIfChangedKeepsAnUnchangedFileAlone() throws IOException {
        Path f = tmp.resolve("a.txt");
        assertTrue(AtomicFiles.writeIfChanged(f, "x"));
        assertFalse(AtomicFiles.writeIfChanged(f, "x"));
        assertTrue(AtomicFiles.writeIfChanged(f, "y"));
        assertEquals("y", Files.readString(f));
    }

    @Test
    void workbookKernelMetadata() {
        Notebook nb = Notebook.forWorkbookKernel();
        assertEquals("java-workbook", nb.metadata().path("kernelspec").path("name").asText());
        assertEquals("Java (workbook)", nb.metadata().path("kernelspec").path("display_name").asText());
        assertEquals("java", nb.metadata().path("language_info").path("name").asText());
        assertNotNull(nb.metadata().get("language_info").get("file_extension"));
    }
}
