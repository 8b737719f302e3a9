package org.workbook.notebook;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads nbformat 4 notebooks, checking their structure as the nbformat 4.5
 * schema does: a problem is an {@link InvalidNotebookException} that names
 * the file, the line and column, and what is wrong. Text stored as lists of
 * lines is joined; cells of a 4.0-4.4 notebook, which have no ids, get the
 * stable ids of {@link CellIds}.
 *
 * <pre>{@code
 * jshell> NotebookReader.read(Path.of("notebooks/01-how-a-net-works.ipynb")).cells().size()
 * $1 ==> 57
 * jshell> NotebookReader.parse("{\"cells\": [}", "x.ipynb")
 * |  Exception org.workbook.notebook.InvalidNotebookException: x.ipynb: line 1, column 12: not valid JSON: ...
 * }</pre>
 */
public final class NotebookReader {
    private static final Set<String> TOP = Set.of("cells", "metadata", "nbformat", "nbformat_minor");
    private static final Set<String> CODE = Set.of("id", "cell_type", "metadata", "source", "outputs",
            "execution_count");
    private static final Set<String> TEXT_CELL = Set.of("id", "cell_type", "metadata", "source", "attachments");

    private final String file;
    private final LocatedJson json;

    private NotebookReader(String file, LocatedJson json) {
        this.file = file;
        this.json = json;
    }

    /** Reads a notebook file; missing or unreadable files throw the usual IOExceptions. */
    public static Notebook read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidNotebookException(file.toString(), 0, 0,
                    "not UTF-8 text, so not a notebook (an .ipynb file is JSON in UTF-8)");
        }
        return parse(text, file.toString());
    }

    /** Parses notebook JSON; {@code file} names it in error messages. */
    /** Jackson appends "(for Object starting at [Source: REDACTED ...])"; the line and column say it better. */
    private static String jacksonNoiseRemoved(String m) {
        return m == null ? "" : m.replaceAll(" ?\\(for \\w+ starting at \\[Source: .*?\\]\\)", "").trim();
    }

    public static Notebook parse(String text, String file) throws InvalidNotebookException {
        LocatedJson json;
        try {
            json = LocatedJson.parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidNotebookException(file, at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr(), "not valid JSON: " + jacksonNoiseRemoved(e.getOriginalMessage())
                    + ". Fix the JSON there, or save the notebook again from Jupyter.");
        } catch (IOException e) {
            throw new InvalidNotebookException(file, 0, 0, "cannot be parsed: " + e.getMessage());
        }
        if (json.root == null) {
            throw new InvalidNotebookException(file, 0, 0, "the file is empty, so not a notebook");
        }
        return new NotebookReader(file, json).notebook();
    }

    private Notebook notebook() throws InvalidNotebookException {
        ObjectNode root = object(json.root, "", "the file is JSON but not a notebook (a notebook is a JSON "
                + "object with cells, metadata, nbformat and nbformat_minor)");
        JsonNode major = root.get("nbformat");
        if (major == null) {
            throw problem("", "no 'nbformat' field: this JSON is not a Jupyter notebook");
        }
        if (!major.isInt() || major.intValue() != 4) {
            throw problem("/nbformat", "nbformat " + major + " is not supported (only nbformat 4); "
                    + "open the notebook in Jupyter and save it to convert it");
        }
        int minor = nonNegativeInt(required(root, "", "nbformat_minor"), "/nbformat_minor");
        onlyKnownFields(root, "", TOP, "a notebook");
        ObjectNode metadata = object(required(root, "", "metadata"), "/metadata", "'metadata' must be an object");
        for (String transientKey : List.of("orig_nbformat", "orig_nbformat_minor", "signature")) {
            metadata.remove(transientKey);
        }
        JsonNode cells = required(root, "", "cells");
        if (!cells.isArray()) {
            throw problem("/cells", "'cells' must be a list of cells");
        }
        Notebook nb = new Notebook(metadata);
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            Cell cell = cell(cells.get(i), "/cells/" + i, minor);
            if (cell.id() != null) {
                Integer first = ids.putIfAbsent(cell.id(), i);
                if (first != null) {
                    throw problem("/cells/" + i + "/id", "cell id '" + cell.id() + "' is used twice (cells "
                            + first + " and " + i + "); ids must be unique");
                }
            }
            nb.cells().add(cell);
        }
        if (minor < 5) {
            CellIds.assign(nb.cells());
        }
        return nb;
    }

    private Cell cell(JsonNode node, String at, int minor) throws InvalidNotebookException {
        ObjectNode obj = object(node, at, "a cell must be a JSON object");
        JsonNode typeNode = required(obj, at, "cell_type");
        CellType type = CellType.of(typeNode.asText()).orElseThrow(() -> problem(at + "/cell_type",
                "unknown cell type " + typeNode + " (expected \"markdown\", \"code\" or \"raw\")"));
        onlyKnownFields(obj, at, type == CellType.CODE ? CODE : TEXT_CELL, "a " + type.json() + " cell");
        Cell cell = new Cell(type, text(required(obj, at, "source"), at + "/source"));
        JsonNode id = obj.get("id");
        if (id != null) {
            if (!id.isTextual()) {
                throw problem(at + "/id", "a cell id must be a string, found " + id);
            }
            java.util.Optional<String> why = CellIds.check(id.textValue());
            if (why.isPresent()) {
                throw problem(at + "/id", why.get());
            }
            cell.setId(id.textValue());
        } else if (minor >= 5) {
            throw problem(at, "missing field 'id' (nbformat 4.5 cells need an id)");
        }
        ObjectNode metadata = object(required(obj, at, "metadata"), at + "/metadata", "cell metadata must be an object");
        metadata.remove("trusted");
        cell.setMetadata(metadata);
        if (type == CellType.CODE) {
            JsonNode count = required(obj, at, "execution_count");
            cell.setExecutionCount(count.isNull() ? null : nonNegativeInt(count, at + "/execution_count"));
            JsonNode outputs = required(obj, at, "outputs");
            if (!outputs.isArray()) {
                throw problem(at + "/outputs", "'outputs' must be a list");
            }
            for (int i = 0; i < outputs.size(); i++) {
                cell.outputs().add(new OutputReader(this).output(outputs.get(i), at + "/outputs/" + i));
            }
        } else if (obj.has("attachments")) {
            ObjectNode attachments = object(obj.get("attachments"), at + "/attachments", "'attachments' must be an object");
            for (Map.Entry<String, JsonNode> e : iterable(attachments)) {
                String where = at + "/attachments/" + LocatedJson.escape(e.getKey());
                attachments.set(e.getKey(), new OutputReader(this).bundle(e.getValue(), where));
            }
            cell.setAttachments(attachments);
        }
        return cell;
    }

    private static List<Map.Entry<String, JsonNode>> iterable(ObjectNode obj) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        obj.fields().forEachRemaining(entries::add);
        return entries;
    }

    /** A multiline string: one string, or a list of strings joined as they are. */
    String text(JsonNode node, String at) throws InvalidNotebookException {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < node.size(); i++) {
                if (!node.get(i).isTextual()) {
                    throw problem(at + "/" + i, "expected a string (a line of text), found " + node.get(i).getNodeType());
                }
                sb.append(node.get(i).textValue());
            }
            return sb.toString();
        }
        throw problem(at, "expected text (a string or a list of strings), found " + node.getNodeType());
    }

    ObjectNode object(JsonNode node, String at, String message) throws InvalidNotebookException {
        if (!node.isObject()) {
            throw problem(at, message + ", found " + node.getNodeType());
        }
        return (ObjectNode) node;
    }

    JsonNode required(ObjectNode obj, String at, String field) throws InvalidNotebookException {
        JsonNode v = obj.get(field);
        if (v == null) {
            throw problem(at, "missing field '" + field + "'");
        }
        return v;
    }

    int nonNegativeInt(JsonNode node, String at) throws InvalidNotebookException {
        if (!node.isInt() || node.intValue() < 0) {
            throw problem(at, "expected a whole number >= 0, found " + node);
        }
        return node.intValue();
    }

    void onlyKnownFields(ObjectNode obj, String at, Set<String> known, String what)
            throws InvalidNotebookException {
        for (var it = obj.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw problem(at + "/" + LocatedJson.escape(f), "unknown field '" + f + "' in " + what
                        + " (nbformat 4.5 allows " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    /** The exception for a problem at a JSON pointer, placed at that value's line and column. */
    InvalidNotebookException problem(String pointer, String message) {
        JsonLocation loc = json.at(pointer);
        String where = pointer.isEmpty() ? "" : "(" + pointer + ") ";
        return new InvalidNotebookException(file, loc == null ? 0 : loc.getLineNr(),
                loc == null ? 0 : loc.getColumnNr(), where + message);
    }
}
