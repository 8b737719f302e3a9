package org.workbook.display;

/**
 * Where {@link Display} sends what it shows. The Jupyter kernel installs one that
 * sends {@code display_data} / {@code update_display_data}; the headless runner
 * one that records outputs into the executed notebook; plain Java gets
 * {@link ConsoleSink}. The library never depends on who is listening.
 */
public interface DisplaySink {
    /** Shows a new output; {@code displayId} is null unless it may be updated later. */
    void display(MimeBundle bundle, String displayId);

    /** Replaces, wherever it is shown, the output shown earlier under {@code displayId}. */
    void update(String displayId, MimeBundle bundle);

    /** Clears the current cell's output; with {@code wait}, only when the next output arrives. */
    default void clear(boolean wait) {
    }

    /** True when outputs are seen by a person as they happen (live progress is worth drawing). */
    default boolean isInteractive() {
        return false;
    }
}
