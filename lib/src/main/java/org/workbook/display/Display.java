package org.workbook.display;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Shows objects wherever the code runs: in a notebook through the kernel's sink,
 * in an executed notebook through the runner's, on a console otherwise.
 *
 * <pre>{@code
 * jshell> Display.show(tensor(1, 2, 3))          // a display_data output in Jupyter
 * jshell> String id = Display.show("starting", null); Display.update(id, "done")
 * }</pre>
 *
 * The sink is per JVM, set by whoever hosts the code; it is thread-safe to call
 * from training loops running on other threads.
 */
public final class Display {
    private static volatile DisplaySink sink = new ConsoleSink();
    private static final AtomicLong IDS = new AtomicLong();

    private Display() { }

    /** Installs the sink that receives every later output; returns the previous one. */
    public static DisplaySink setSink(DisplaySink s) {
        DisplaySink old = sink;
        sink = s == null ? new ConsoleSink() : s;
        return old;
    }

    public static DisplaySink sink() {
        return sink;
    }

    /** Shows {@code o} once. */
    public static void show(Object o) {
        sink.display(Renderers.render(o), null);
    }

    /**
     * Shows {@code o} under a display id so it can be replaced in place later by
     * {@link #update}. A null id gets a fresh one; the id used is returned.
     */
    public static String show(Object o, String displayId) {
        String id = displayId == null ? newId() : displayId;
        sink.display(Renderers.render(o), id);
        return id;
    }

    /** Replaces what was shown under {@code displayId}. */
    public static void update(String displayId, Object o) {
        sink.update(displayId, Renderers.render(o));
    }

    /** Clears the current output area (Jupyter's {@code clear_output}). */
    public static void clear(boolean wait) {
        sink.clear(wait);
    }

    /** Shows one of a lesson's headline figures beside the course's value (the runner collects them). */
    public static void headline(String name, double value, String course) {
        show(Headline.of(name, value, course));
    }

    /** A headline whose value is already text (a list of labels, a shape). */
    public static void headline(String name, String value, String course) {
        show(new Headline(name, value, course));
    }

    /** A display id unique in this JVM. */
    public static String newId() {
        return "wb-" + ProcessHandle.current().pid() + "-" + IDS.incrementAndGet();
    }
}
