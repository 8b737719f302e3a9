package org.workbook.notebook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A JSON tree that remembers where each value started in the text, so a
 * notebook whose JSON parses but whose fields are wrong can still be reported
 * by line and column. Duplicate keys are errors, as a JSON schema would
 * silently keep only one of them.
 */
final class LocatedJson {
    /**
     * The longest single string a notebook may hold: a big PNG output is one base64 string, and
     * Jackson's default (20 MB) refused valid notebooks; the whole file is capped by its readers.
     */
    public static final int MAX_STRING_CHARS = 100 * 1024 * 1024;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxStringLength(MAX_STRING_CHARS).build())
            .build();

    final JsonNode root;
    private final Map<String, JsonLocation> starts;

    private LocatedJson(JsonNode root, Map<String, JsonLocation> starts) {
        this.root = root;
        this.starts = starts;
    }

    /** Parses {@code text}; syntax errors come out as Jackson's exceptions, which carry a location. */
    static LocatedJson parse(String text) throws IOException {
        Map<String, JsonLocation> starts = new HashMap<>();
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() == null) {
                return new LocatedJson(null, starts);
            }
            JsonNode root = read(p, "", starts);
            if (p.nextToken() != null) {
                throw new JsonParseException(p,
                        "more content after the end of the notebook's JSON object");
            }
            return new LocatedJson(root, starts);
        }
    }

    /** Where the value at a JSON pointer (e.g. {@code /cells/2/source}) starts; null if unknown. */
    JsonLocation at(String pointer) {
        return starts.get(pointer);
    }

    private static JsonNode read(JsonParser p, String pointer, Map<String, JsonLocation> starts)
            throws IOException {
        starts.put(pointer, p.currentTokenLocation());
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                ObjectNode obj = Json.object();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    obj.set(name, read(p, pointer + "/" + escape(name), starts));
                }
                return obj;
            }
            case START_ARRAY: {
                ArrayNode arr = Json.NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    arr.add(read(p, pointer + "/" + arr.size(), starts));
                }
                return arr;
            }
            case VALUE_STRING:
                return Json.NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT: return Json.NODES.numberNode(p.getIntValue());
                    case LONG: return Json.NODES.numberNode(p.getLongValue());
                    default: return Json.NODES.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return Json.NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return Json.NODES.booleanNode(true);
            case VALUE_FALSE:
                return Json.NODES.booleanNode(false);
            case VALUE_NULL:
                return Json.NODES.nullNode();
            default:
                throw new JsonParseException(p, "unexpected token " + t);
        }
    }

    /** JSON pointer escaping (RFC 6901): ~ and / in keys. */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
