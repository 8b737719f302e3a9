package org.workbook.kernel.display;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import org.workbook.display.MimeBundle;
import org.workbook.display.Renderers;

import java.util.Map;

/** Converts the library's {@link MimeBundle} to the base kernel's {@link DisplayData}. */
public final class Bundles {
    private Bundles() { }

    public static DisplayData toDisplayData(MimeBundle bundle) {
        DisplayData d = new DisplayData();
        for (Map.Entry<String, String> e : bundle.data().entrySet()) {
            d.putData(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Object> e : bundle.metadata().entrySet()) {
            d.putMetaData(e.getKey(), e.getValue());
        }
        return d;
    }

    /** Any object, through the library's renderers (Tensor, charts, images, text). */
    public static DisplayData render(Object value) {
        return toDisplayData(Renderers.render(value));
    }

    /** A cell's result: as {@link #render}, but a String or char shows as JShell and Python show it, quoted. */
    public static DisplayData result(Object value) {
        return toDisplayData(resultBundle(value));
    }

    /**
     * The bundle for a cell's result.
     *
     * <pre>{@code
     * jshell> Bundles.resultBundle("a\tb").plain()
     * $1 ==> "\"a\\tb\""
     * }</pre>
     */
    public static MimeBundle resultBundle(Object value) {
        if (value instanceof String s) {
            return MimeBundle.text(quote(s, '"'));
        }
        if (value instanceof Character c) {
            return MimeBundle.text(quote(String.valueOf(c), '\''));
        }
        return Renderers.render(value);
    }

    /** A Java literal for {@code s}: quotes, backslash escapes for quotes, backslashes and control characters. */
    static String quote(String s, char q) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append(q);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c == q) {
                        sb.append('\\').append(c);
                    } else if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append(q).toString();
    }
}
