package org.workbook.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the outputs of code cells and MIME bundles, checked like the nbformat 4.5 schema. */
final class OutputReader {
    private static final Map<OutputType, Set<String>> FIELDS = Map.of(
            OutputType.STREAM, Set.of("output_type", "name", "text"),
            OutputType.DISPLAY_DATA, Set.of("output_type", "data", "metadata"),
            OutputType.EXECUTE_RESULT, Set.of("output_type", "data", "metadata", "execution_count"),
            OutputType.ERROR, Set.of("output_type", "ename", "evalue", "traceback"));

    private final NotebookReader reader;

    OutputReader(NotebookReader reader) {
        this.reader = reader;
    }

    Output output(JsonNode node, String at) throws InvalidNotebookException {
        ObjectNode obj = reader.object(node, at, "an output must be a JSON object");
        JsonNode typeNode = reader.required(obj, at, "output_type");
        OutputType type = OutputType.of(typeNode.asText()).orElseThrow(() -> reader.problem(at + "/output_type",
                "unknown output type " + typeNode
                        + " (expected \"stream\", \"display_data\", \"execute_result\" or \"error\")"));
        reader.onlyKnownFields(obj, at, FIELDS.get(type), "a " + type.json() + " output");
        switch (type) {
            case STREAM:
                return Output.stream(string(reader.required(obj, at, "name"), at + "/name"),
                        reader.text(reader.required(obj, at, "text"), at + "/text"));
            case ERROR:
                return Output.error(string(reader.required(obj, at, "ename"), at + "/ename"),
                        string(reader.required(obj, at, "evalue"), at + "/evalue"),
                        lines(reader.required(obj, at, "traceback"), at + "/traceback"));
            default:
                ObjectNode data = bundle(reader.required(obj, at, "data"), at + "/data");
                ObjectNode metadata = reader.object(reader.required(obj, at, "metadata"), at + "/metadata",
                        "output metadata must be an object");
                if (type == OutputType.DISPLAY_DATA) {
                    return Output.displayData(data, metadata);
                }
                JsonNode count = reader.required(obj, at, "execution_count");
                return Output.executeResult(count.isNull() ? null
                        : reader.nonNegativeInt(count, at + "/execution_count"), data, metadata);
        }
    }

    /** A MIME bundle, text values joined; JSON MIME types keep their JSON as is. */
    ObjectNode bundle(JsonNode node, String at) throws InvalidNotebookException {
        ObjectNode data = reader.object(node, at, "a MIME bundle must be an object of MIME type to content");
        List<String> mimes = new ArrayList<>();
        data.fieldNames().forEachRemaining(mimes::add);
        for (String mime : mimes) {
            if (!Json.isJsonMime(mime)) {
                String where = at + "/" + LocatedJson.escape(mime);
                data.put(mime, reader.text(data.get(mime), where));
            }
        }
        return data;
    }

    private String string(JsonNode node, String at) throws InvalidNotebookException {
        if (!node.isTextual()) {
            throw reader.problem(at, "expected a string, found " + node.getNodeType());
        }
        return node.textValue();
    }

    private List<String> lines(JsonNode node, String at) throws InvalidNotebookException {
        if (!node.isArray()) {
            throw reader.problem(at, "expected a list of strings, found " + node.getNodeType());
        }
        List<String> out = new ArrayList<>();
        ArrayNode arr = (ArrayNode) node;
        for (int i = 0; i < arr.size(); i++) {
            out.add(string(arr.get(i), at + "/" + i));
        }
        return out;
    }
}
