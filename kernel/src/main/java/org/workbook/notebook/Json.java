package org.workbook.notebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;

/** The Jackson bits the notebook classes share. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    /** A deep copy, or an empty object for {@code null}. */
    static ObjectNode copy(ObjectNode node) {
        return node == null ? object() : node.deepCopy();
    }

    /** Java values (maps, lists, strings, numbers) as a JSON object. */
    static ObjectNode toObject(Map<String, ?> map) {
        return map == null ? object() : MAPPER.valueToTree(map);
    }

    /**
     * Whether nbformat keeps a MIME type's value as JSON (application/json,
     * application/*+json) instead of as text split into lines.
     */
    static boolean isJsonMime(String mime) {
        return mime.equals("application/json")
                || (mime.startsWith("application/") && mime.endsWith("+json"));
    }

    /**
     * nbformat splits these values into lines when writing: every text/* type,
     * and two that are text in all but name.
     */
    static boolean isSplitMime(String mime) {
        return mime.startsWith("text/") || mime.equals("application/javascript")
                || mime.equals("image/svg+xml");
    }

    /** A mimebundle value: JSON types parsed so they are stored as JSON, the rest as text. */
    static JsonNode mimeValue(String mime, String content) {
        if (!isJsonMime(mime)) {
            return TextNode.valueOf(content);
        }
        try {
            return MAPPER.readTree(content);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the " + mime + " content is not JSON ("
                    + e.getOriginalMessage() + "); give JSON text for a JSON MIME type", e);
        }
    }
}
