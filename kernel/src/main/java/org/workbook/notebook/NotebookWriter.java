package org.workbook.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes notebooks in nbformat 4.5, byte for byte as Jupyter saves them
 * (keys sorted, indent 1, text split into lines, a trailing newline), so a
 * notebook saved here and one saved from JupyterLab differ only where their
 * content does. Files are written atomically (see {@link AtomicFiles}).
 *
 * <pre>{@code
 * jshell> var nb = Notebook.forWorkbookKernel(); nb.cells().add(Cell.code("1 + 1"))
 * jshell> NotebookWriter.write(nb, Path.of("build/one.ipynb"))
 * }</pre>
 */
public final class NotebookWriter {
    private NotebookWriter() {
    }

    /** The file's text. Cells without an id get their stable id (see {@link CellIds}). */
    public static String toJson(Notebook nb) {
        return PyJson.indented(tree(nb)) + "\n";
    }

    /** Writes atomically: readers see the old file or the new one, never half of one. */
    public static void write(Notebook nb, Path file) throws IOException {
        AtomicFiles.write(file, toJson(nb));
    }

    /**
     * Writes atomically to {@code file}, refusing when {@code file} is
     * {@code input} (the same file by any path): a runner's output never
     * replaces the notebook it ran.
     */
    public static void writeNotOver(Notebook nb, Path file, Path input) throws IOException {
        AtomicFiles.writeNotOver(file, toJson(nb), input);
    }

    /** The notebook as the JSON tree Jupyter would write. */
    public static ObjectNode tree(Notebook nb) {
        ObjectNode root = Json.object();
        ArrayNode cells = root.putArray("cells");
        List<Cell> withIds = withIds(nb.cells());
        for (Cell cell : withIds) {
            cells.add(cell(cell));
        }
        ObjectNode metadata = nb.metadata().deepCopy();
        for (String transientKey : List.of("orig_nbformat", "orig_nbformat_minor", "signature")) {
            metadata.remove(transientKey);
        }
        root.set("metadata", metadata);
        root.put("nbformat", nb.nbformat());
        root.put("nbformat_minor", nb.nbformatMinor());
        return root;
    }

    private static List<Cell> withIds(List<Cell> cells) {
        Set<String> seen = new HashSet<>();
        boolean complete = true;
        for (Cell c : cells) {
            if (c.id() == null) {
                complete = false;
            } else if (!seen.add(c.id())) {
                throw new IllegalArgumentException("two cells share the id '" + c.id()
                        + "'; nbformat 4.5 needs unique ids (CellIds.assign gives every cell one)");
            } else {
                CellIds.check(c.id()).ifPresent(why -> {
                    throw new IllegalArgumentException(why);
                });
            }
        }
        if (complete) {
            return cells;
        }
        List<Cell> copies = new ArrayList<>();
        cells.forEach(c -> copies.add(c.copy()));
        List<Cell> missing = new ArrayList<>();
        copies.stream().filter(c -> c.id() == null).forEach(missing::add);
        CellIds.assign(missing);
        for (Cell c : missing) {
            String id = c.id();
            for (int k = 2; seen.contains(id); k++) {
                id = c.id() + "-" + k;
            }
            c.setId(id);
            seen.add(id);
        }
        return copies;
    }

    private static ObjectNode cell(Cell cell) {
        ObjectNode obj = Json.object();
        if (cell.attachments() != null && cell.type() != CellType.CODE) {
            ObjectNode attachments = cell.attachments().deepCopy();
            attachments.fields().forEachRemaining(e -> splitBundle((ObjectNode) e.getValue()));
            obj.set("attachments", attachments);
        }
        obj.put("cell_type", cell.type().json());
        obj.put("id", cell.id());
        ObjectNode metadata = cell.metadata().deepCopy();
        metadata.remove("trusted");
        obj.set("metadata", metadata);
        if (cell.isCode()) {
            if (cell.executionCount() == null) {
                obj.putNull("execution_count");
            } else {
                obj.put("execution_count", cell.executionCount());
            }
            ArrayNode outputs = obj.putArray("outputs");
            cell.outputs().forEach(o -> outputs.add(output(o)));
        }
        obj.set("source", lines(cell.source()));
        return obj;
    }

    private static ObjectNode output(Output o) {
        ObjectNode obj = Json.object();
        obj.put("output_type", o.type().json());
        switch (o.type()) {
            case STREAM:
                obj.put("name", o.name());
                obj.set("text", lines(o.text()));
                break;
            case ERROR:
                obj.put("ename", o.ename());
                obj.put("evalue", o.evalue());
                ArrayNode tb = obj.putArray("traceback");
                o.traceback().forEach(tb::add);
                break;
            case EXECUTE_RESULT:
                if (o.executionCount() == null) {
                    obj.putNull("execution_count");
                } else {
                    obj.put("execution_count", o.executionCount());
                }
                // fall through: the bundle is written like display_data's
            default:
                obj.set("data", splitBundle(o.data()));
                obj.set("metadata", o.metadata());
        }
        return obj;
    }

    /** nbformat splits text-like MIME values into lines; images stay one base64 string. */
    private static ObjectNode splitBundle(ObjectNode data) {
        List<String> mimes = new ArrayList<>();
        data.fieldNames().forEachRemaining(mimes::add);
        for (String mime : mimes) {
            JsonNode v = data.get(mime);
            if (v.isTextual() && Json.isSplitMime(mime)) {
                data.set(mime, lines(v.textValue()));
            }
        }
        return data;
    }

    private static ArrayNode lines(String text) {
        ArrayNode arr = Json.NODES.arrayNode();
        PyLines.split(text).forEach(arr::add);
        return arr;
    }
}
