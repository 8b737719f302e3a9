package org.workbook.notebook;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One marker line of a lesson: an HTML comment that says something about the
 * cell below it, e.g. {@code <!-- slide -->}, {@code <!-- tags: a, b -->} or
 * {@code <!-- check: mse-check points=2 -->}. Jupyter and GitHub render them
 * invisibly, so a lesson reads as plain Markdown.
 */
final class Marker {
    /** Marker keys that take no value. */
    static final List<String> FLAGS = List.of("slide", "subslide", "fragment", "notes", "skip", "cell");
    /** Marker keys that need a value after a colon. */
    static final List<String> VALUED = List.of("tags", "exercise", "check", "metadata", "attachments");
    /** The slide types a marker can set. */
    static final List<String> SLIDE_TYPES = List.of("slide", "subslide", "fragment", "notes", "skip");

    private static final Pattern SHAPE = Pattern.compile("<!--\\s*([a-z][a-z-]*)\\s*(?::\\s*(.*?))?\\s*-->\\s*");

    final String key;
    final String value;
    final int line;

    private Marker(String key, String value, int line) {
        this.key = key;
        this.value = value;
        this.line = line;
    }

    /**
     * Whether a line has the shape of a marker (a one-word HTML comment,
     * optionally with a value), known or not.
     */
    static boolean looksLikeMarker(String line) {
        return SHAPE.matcher(line).matches();
    }

    /** The marker on a marker-shaped line; an unknown word or a missing value is an error. */
    static Marker parse(String text, int line, String file) throws LessonFormatException {
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a marker line: " + text);
        }
        String key = m.group(1);
        String value = m.group(2);
        if (FLAGS.contains(key)) {
            if (value != null) {
                throw new LessonFormatException(file, line, "the marker <!-- " + key
                        + " --> takes no value; write it as <!-- " + key + " -->");
            }
        } else if (VALUED.contains(key)) {
            if (value == null || value.isEmpty()) {
                throw new LessonFormatException(file, line, "the marker <!-- " + key
                        + ": ... --> needs a value after the colon (see lessons/README.md)");
            }
        } else {
            throw new LessonFormatException(file, line, "unknown marker <!-- " + key + " -->; the markers are "
                    + String.join(", ", FLAGS) + ", " + String.join(", ", VALUED)
                    + " (an HTML comment meant as text needs more than one word before any colon)");
        }
        return new Marker(key, value, line);
    }

    /** The text of a marker line. */
    static String line(String key, String value) {
        return value == null ? "<!-- " + key + " -->" : "<!-- " + key + ": " + value + " -->";
    }
}
