package org.workbook.kernel.widgets;

import org.workbook.display.MimeBundle;
import org.workbook.display.Renderers;

import java.util.function.Consumer;

/**
 * An output area that can be redrawn: {@code out.update(chart)} replaces what
 * it shows. {@link Widgets#interact} draws its function's result into one.
 */
public final class Output extends Widget {
    private volatile MimeBundle content = MimeBundle.text("");
    private volatile Consumer<MimeBundle> onUpdate = b -> { };

    /** Replaces what the area shows with {@code o}, rendered by the library's renderers. */
    public void update(Object o) {
        MimeBundle b = o == null ? MimeBundle.text("") : Renderers.render(o);
        content = b;
        onUpdate.accept(b);
    }

    /** What the area shows now. */
    public MimeBundle content() {
        return content;
    }

    void onUpdate(Consumer<MimeBundle> listener) {
        onUpdate = listener;
    }

    @Override
    public String toString() {
        return "Output(" + content.plain() + ")";
    }
}
