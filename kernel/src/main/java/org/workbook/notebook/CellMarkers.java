package org.workbook.notebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markers to cell metadata and back. A lesson's markers become
 * {@code slideshow.slide_type}, {@code tags} and {@code nbgrader} metadata;
 * syncing a notebook back writes the same markers, in a fixed order, and keeps
 * any other metadata in a {@code <!-- metadata: {...} -->} marker so nothing
 * set in JupyterLab is lost.
 */
final class CellMarkers {
    private static final Pattern CHECK = Pattern.compile("([A-Za-z0-9_-]+)\\s+points=(\\d+(?:\\.\\d+)?)");

    private CellMarkers() {
    }

    /** Sets a cell's metadata (and attachments) from the markers above it. */
    static void apply(List<Marker> markers, Cell cell, String file) throws LessonFormatException {
        Map<String, Marker> byKey = new HashMap<>();
        Marker slide = null;
        for (Marker m : markers) {
            boolean isSlide = Marker.SLIDE_TYPES.contains(m.key);
            Marker earlier = isSlide ? slide : byKey.get(m.key);
            if (earlier != null && !m.key.equals("cell")) {
                throw new LessonFormatException(file, m.line, "a second <!-- " + m.key + " --> marker for the "
                        + "same cell (line " + earlier.line + " has one); a cell takes one of each");
            }
            if (isSlide) {
                slide = m;
            } else {
                byKey.put(m.key, m);
            }
        }
        ObjectNode md = cell.metadata();
        if (byKey.containsKey("metadata")) {
            md.setAll(jsonObject(byKey.get("metadata"), file));
        }
        if (byKey.containsKey("attachments")) {
            Marker m = byKey.get("attachments");
            if (cell.isCode()) {
                throw new LessonFormatException(file, m.line, "code cells have no attachments; "
                        + "<!-- attachments --> goes above a markdown or raw cell");
            }
            cell.setAttachments(jsonObject(m, file));
        }
        if (slide != null) {
            claim(md, "slideshow", slide, file);
            md.putObject("slideshow").put("slide_type", slide.key);
        }
        List<String> tags = new ArrayList<>(cell.tags());
        if (byKey.containsKey("tags")) {
            Marker m = byKey.get("tags");
            claim(md, "tags", m, file);
            for (String tag : m.value.split(",", -1)) {
                String t = tag.trim();
                if (t.isEmpty() || tags.contains(t)) {
                    throw new LessonFormatException(file, m.line, (t.isEmpty() ? "an empty tag" : "the tag '" + t
                            + "' twice") + " in <!-- tags: " + m.value + " -->; list distinct tags between commas");
                }
                tags.add(t);
            }
        }
        if (byKey.containsKey("check")) {
            Marker m = byKey.get("check");
            needCode(cell, m, file);
            claim(md, "nbgrader", m, file);
            Matcher cm = CHECK.matcher(m.value);
            if (!cm.matches() || Double.parseDouble(cm.group(2)) <= 0) {
                throw new LessonFormatException(file, m.line, "write a check marker as <!-- check: NAME points=N -->"
                        + " (NAME of letters, digits, - and _; N > 0), not <!-- check: " + m.value + " -->");
            }
            if (tags.contains("check")) {
                throw new LessonFormatException(file, m.line, "the check marker tags the cell 'check' itself; "
                        + "remove 'check' from its tags");
            }
            tags.add(0, "check");
            String p = cm.group(2);
            md.set("nbgrader", Nbgrader.check(cm.group(1), p.contains(".")
                    ? Json.NODES.numberNode(Double.parseDouble(p)) : Json.NODES.numberNode(Integer.parseInt(p))));
        }
        if (byKey.containsKey("exercise")) {
            Marker m = byKey.get("exercise");
            needCode(cell, m, file);
            claim(md, "nbgrader", m, file);
            if (!Nbgrader.GRADE_ID.matcher(m.value).matches()) {
                throw new LessonFormatException(file, m.line, "an exercise name is letters, digits, - and _ "
                        + "(it becomes nbgrader's grade_id), not '" + m.value + "'");
            }
            md.set("nbgrader", Nbgrader.solution(m.value));
        }
        if (!tags.isEmpty() && (byKey.containsKey("tags") || byKey.containsKey("check"))) {
            ArrayNode arr = md.putArray("tags");
            tags.forEach(arr::add);
        }
    }

    private static void claim(ObjectNode md, String key, Marker m, String file) throws LessonFormatException {
        if (md.has(key)) {
            throw new LessonFormatException(file, m.line, "both <!-- " + m.key + " --> and the metadata marker "
                    + "set '" + key + "'; keep one of them");
        }
    }

    private static void needCode(Cell cell, Marker m, String file) throws LessonFormatException {
        if (!cell.isCode()) {
            throw new LessonFormatException(file, m.line, "<!-- " + m.key + ": ... --> belongs above a ```java "
                    + "cell, not a " + cell.type().json() + " cell");
        }
    }

    private static ObjectNode jsonObject(Marker m, String file) throws LessonFormatException {
        try {
            JsonNode n = Json.MAPPER.readTree(m.value);
            if (n != null && n.isObject()) {
                return (ObjectNode) n;
            }
        } catch (JsonProcessingException e) {
            throw new LessonFormatException(file, m.line, "the " + m.key + " marker holds invalid JSON ("
                    + e.getOriginalMessage() + "); write one JSON object on the line");
        }
        throw new LessonFormatException(file, m.line, "the " + m.key + " marker must hold one JSON object, "
                + "like <!-- " + m.key + ": {\"key\": \"value\"} -->");
    }

    /**
     * The marker lines that give a cell its metadata, in the fixed order
     * slide type, tags, check, exercise, metadata, attachments.
     * {@code boundary}: the cell is plain Markdown right after plain Markdown,
     * so it needs at least {@code <!-- cell -->} to start a new cell.
     */
    static List<String> render(Cell cell, boolean boundary) {
        List<String> lines = new ArrayList<>();
        ObjectNode md = cell.metadata().deepCopy();
        JsonNode slideshow = md.get("slideshow");
        if (slideshow != null && slideshow.size() == 1
                && Marker.SLIDE_TYPES.contains(slideshow.path("slide_type").asText(""))) {
            lines.add(Marker.line(slideshow.get("slide_type").asText(), null));
            md.remove("slideshow");
        }
        List<String> tags = cell.tags();
        boolean textTags = allText(md.get("tags"));
        String check = null;
        String exercise = null;
        if (cell.isCode()) {
            var c = Nbgrader.check(md.get("nbgrader"));
            if (c.isPresent() && textTags && tags.contains("check")) {
                check = c.get().id + " points=" + (c.get().points.isIntegralNumber()
                        ? c.get().points.asText() : PyJson.floatRepr(c.get().points.doubleValue()));
                tags.remove("check");
                md.remove("nbgrader");
            }
            var s = Nbgrader.solutionId(md.get("nbgrader"));
            if (s.isPresent() && SolutionRegions.mentions(cell.source())) {
                exercise = s.get();
                md.remove("nbgrader");
            }
        }
        if (textTags) {
            if (tags.isEmpty()) {
                // The check marker brings its tag back; an empty list stays in the metadata marker.
                if (check != null) {
                    md.remove("tags");
                }
            } else if (tags.stream().allMatch(CellMarkers::plainTag) && tags.stream().distinct().count() == tags.size()) {
                lines.add(Marker.line("tags", String.join(", ", tags)));
                md.remove("tags");
            } else if (check != null) {
                ArrayNode rest = md.putArray("tags");
                tags.forEach(rest::add);
            }
        }
        if (check != null) {
            lines.add(Marker.line("check", check));
        }
        if (exercise != null) {
            lines.add(Marker.line("exercise", exercise));
        }
        if (!md.isEmpty()) {
            lines.add(Marker.line("metadata", PyJson.oneLine(md)));
        }
        if (cell.attachments() != null && !cell.isCode()) {
            lines.add(Marker.line("attachments", PyJson.oneLine(cell.attachments())));
        }
        if (lines.isEmpty() && boundary) {
            lines.add(Marker.line("cell", null));
        }
        return lines;
    }

    private static boolean allText(JsonNode tags) {
        if (tags == null || !tags.isArray()) {
            return false;
        }
        for (JsonNode t : tags) {
            if (!t.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static boolean plainTag(String tag) {
        return !tag.isEmpty() && tag.equals(tag.trim()) && !tag.contains(",") && !tag.contains("-->");
    }
}
