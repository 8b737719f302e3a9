package org.workbook.display;

/**
 * One of a lesson's headline figures beside the course's value, e.g. the
 * pixel-similarity accuracy. It shows as a line of text; the headless runner also
 * reads its JSON twin and prints every lesson's headlines after its summary.
 *
 * <pre>{@code
 * jshell> headline("pixel-similarity accuracy", accuracy.item(), "0.9511")
 * pixel-similarity accuracy: 0.9511 (course: 0.9511)
 * }</pre>
 */
public record Headline(String name, String value, String course) implements Displayable {
    /** The MIME type the runner collects. */
    public static final String MIME = "application/vnd.workbook.headline+json";

    /** A headline from a number, printed with 4 decimals like torch (or as an integer when whole). */
    public static Headline of(String name, double value, String course) {
        String v = value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
            : String.format(java.util.Locale.ROOT, "%.4f", value);
        return new Headline(name, v, course);
    }

    @Override
    public MimeBundle toMimeBundle() {
        String json = "{\"name\":" + quote(name) + ",\"value\":" + quote(value) + ",\"course\":" + quote(course) + "}";
        return MimeBundle.text(toString()).with(MIME, json);
    }

    @Override
    public String toString() {
        return name + ": " + value + " (course: " + course + ")";
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
