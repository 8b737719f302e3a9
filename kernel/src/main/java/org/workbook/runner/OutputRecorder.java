package org.workbook.runner;

import org.workbook.display.DisplaySink;
import org.workbook.display.MimeBundle;
import org.workbook.notebook.Cell;
import org.workbook.notebook.Output;
import org.workbook.notebook.OutputType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records what running cells print and show into the notebook's cells, as
 * Jupyter would have saved it: consecutive prints to one stream share one
 * {@code stream} output, {@code Display.show} adds a {@code display_data},
 * {@code Display.update} replaces the earlier output shown under the same id
 * wherever it is (a training table ends as one table, not one per epoch),
 * and {@code Display.clear} empties the cell. Output made by a background
 * thread after its cell ended goes to the last cell run, as in the kernel.
 */
public final class OutputRecorder implements DisplaySink {
    /** More text than this from one cell is cut, so a print loop cannot fill the memory or the file. */
    static final int MAX_STREAM_CHARS = 5 << 20;

    private record Place(Cell cell, int index) { }

    private final Map<String, List<Place>> shown = new HashMap<>();
    private Cell current;
    private boolean clearPending;
    private int streamChars;
    private boolean truncated;
    private final StringBuilder stderr = new StringBuilder();

    /** From now on outputs belong to {@code cell}. */
    public synchronized void begin(Cell cell) {
        current = cell;
        clearPending = false;
        streamChars = 0;
        truncated = false;
        stderr.setLength(0);
    }

    /** What the cell begun last wrote to {@code System.err} so far. */
    public synchronized String stderrOfCell() {
        return stderr.toString();
    }

    /** Text written to {@code System.out} ("stdout") or {@code System.err} ("stderr"). */
    public synchronized void stream(String name, String text) {
        if (NotebookThreads.foreign()) {
            return; // a thread of a notebook that has ended
        }
        if (current == null || text.isEmpty()) {
            return;
        }
        if (name.equals("stderr") && stderr.length() < 4096) {
            stderr.append(text, 0, Math.min(text.length(), 4096 - stderr.length()));
        }
        if (truncated) {
            return;
        }
        String t = text;
        if (streamChars + t.length() > MAX_STREAM_CHARS) {
            t = t.substring(0, Math.max(0, MAX_STREAM_CHARS - streamChars))
                    + "\n[output cut: the cell printed more than " + (MAX_STREAM_CHARS >> 20) + " MB]\n";
            truncated = true;
        }
        streamChars += t.length();
        List<Output> outs = outputsForNew();
        int last = outs.size() - 1;
        if (last >= 0 && outs.get(last).type() == OutputType.STREAM && outs.get(last).name().equals(name)) {
            outs.set(last, outs.get(last).append(t));
        } else {
            outs.add(Output.stream(name, t));
        }
    }

    @Override
    public synchronized void display(MimeBundle bundle, String displayId) {
        if (NotebookThreads.foreign()) {
            return; // a thread of a notebook that has ended
        }
        if (current == null) {
            return;
        }
        List<Output> outs = outputsForNew();
        outs.add(Output.displayData(bundle.data(), bundle.metadata()));
        if (displayId != null) {
            shown.computeIfAbsent(displayId, k -> new ArrayList<>()).add(new Place(current, outs.size() - 1));
        }
    }

    /** An id never shown (or cleared since) is ignored, as Jupyter front ends do. */
    @Override
    public synchronized void update(String displayId, MimeBundle bundle) {
        if (NotebookThreads.foreign()) {
            return; // a thread of a notebook that has ended
        }
        if (displayId == null) {
            throw new IllegalArgumentException("Display.update needs the id that Display.show(o, id) returned; got null");
        }
        for (Place p : shown.getOrDefault(displayId, List.of())) {
            p.cell().outputs().set(p.index(), Output.displayData(bundle.data(), bundle.metadata()));
        }
    }

    @Override
    public synchronized void clear(boolean wait) {
        if (NotebookThreads.foreign()) {
            return; // a thread of a notebook that has ended
        }
        if (current == null) {
            return;
        }
        if (wait) {
            clearPending = true;
        } else {
            clearNow();
        }
    }

    /** The value of the cell's last expression. */
    public synchronized void result(int executionCount, MimeBundle bundle) {
        outputsForNew().add(Output.executeResult(executionCount, bundle.data(), bundle.metadata()));
    }

    /** The error that ended the cell. */
    public synchronized void error(String ename, String evalue, List<String> traceback) {
        outputsForNew().add(Output.error(ename, evalue, traceback));
    }

    /** The outputs a new output goes to, after a pending {@code clear(true)}. */
    private List<Output> outputsForNew() {
        if (clearPending) {
            clearNow();
        }
        return current.outputs();
    }

    private void clearNow() {
        clearPending = false;
        current.outputs().clear();
        streamChars = 0;
        shown.values().forEach(places -> places.removeIf(p -> p.cell() == current));
    }
}
