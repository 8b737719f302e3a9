package org.workbook.runner;

import com.fasterxml.jackson.databind.JsonNode;
import org.workbook.kernel.magic.MagicException;
import org.workbook.kernel.widgets.SliderStrip;
import org.workbook.notebook.Cell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cell's slider-strip settings, from its metadata
 * {@code {"workbook": {"slider_strip": [{"a": 1.1}, {"a": 3, "b": 2}]}}}
 * (in a lesson: {@code <!-- metadata: {"workbook": {"slider_strip": [...]}} -->}).
 *
 * <pre>{@code
 * jshell> StripSettings.of(cell)      // a cell without them
 * $1 ==> null
 * }</pre>
 */
final class StripSettings {
    private StripSettings() { }

    /** The settings, or null when the cell has none (the strip then uses its default ones). */
    static List<Map<String, Double>> of(Cell cell) throws MagicException {
        JsonNode node = cell.metadata().path("workbook").path(SliderStrip.KEY);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        String where = "cell metadata workbook." + SliderStrip.KEY;
        if (!node.isArray()) {
            throw new MagicException(where + " must be a list of settings like [{\"a\": 1}, {\"a\": 3, \"b\": 2}], got " + node);
        }
        List<Map<String, Double>> out = new ArrayList<>();
        for (JsonNode setting : node) {
            if (!setting.isObject()) {
                throw new MagicException(where + ": each setting is an object of slider name to value, like {\"a\": 3}; got " + setting);
            }
            Map<String, Double> s = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : setting.properties()) {
                if (!e.getValue().isNumber()) {
                    throw new MagicException(where + ": slider \"" + e.getKey() + "\" needs a number, got " + e.getValue());
                }
                s.put(e.getKey(), e.getValue().asDouble());
            }
            out.add(s);
        }
        return out;
    }
}
