package org.workbook.display;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a displayed object turns into: one representation per MIME type, as
 * Jupyter's {@code display_data} carries them. {@code text/plain} is always
 * present so every front end (a terminal, a grader's log) has something to show.
 * Binary types ({@code image/png}) hold base64 text, as the Jupyter protocol wants.
 *
 * <pre>{@code
 * jshell> var b = MimeBundle.text("hello").with("text/html", "<b>hello</b>")
 * jshell> b.data().keySet()
 * $2 ==> [text/plain, text/html]
 * }</pre>
 */
public final class MimeBundle {
    private final Map<String, String> data;
    private final Map<String, Object> metadata;

    private MimeBundle(Map<String, String> data, Map<String, Object> metadata) {
        this.data = data;
        this.metadata = metadata;
    }

    /** A bundle with only {@code text/plain}. */
    public static MimeBundle text(String plain) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("text/plain", plain == null ? "null" : plain);
        return new MimeBundle(d, new LinkedHashMap<>());
    }

    /** A copy of this bundle with one more representation. */
    public MimeBundle with(String mimeType, String content) {
        Map<String, String> d = new LinkedHashMap<>(data);
        d.put(mimeType, content);
        return new MimeBundle(d, new LinkedHashMap<>(metadata));
    }

    /**
     * A copy with metadata for one MIME type, e.g. {@code withMetadata("image/png",
     * Map.of("width", 640))} so a 2x-density PNG shows at its display width.
     */
    public MimeBundle withMetadata(String mimeType, Map<String, ?> meta) {
        Map<String, Object> m = new LinkedHashMap<>(metadata);
        m.put(mimeType, new LinkedHashMap<>(meta));
        return new MimeBundle(new LinkedHashMap<>(data), m);
    }

    /** MIME type to content, in insertion order; {@code text/plain} first. */
    public Map<String, String> data() {
        return Collections.unmodifiableMap(data);
    }

    /** MIME type to its metadata map (Jupyter's {@code metadata} field). */
    public Map<String, Object> metadata() {
        return Collections.unmodifiableMap(metadata);
    }

    public String plain() {
        return data.get("text/plain");
    }

    public boolean has(String mimeType) {
        return data.containsKey(mimeType);
    }

    @Override
    public String toString() {
        return "MimeBundle" + data.keySet();
    }
}
