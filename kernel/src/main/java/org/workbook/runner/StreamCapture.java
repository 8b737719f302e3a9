package org.workbook.runner;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Routes {@code System.out} and {@code System.err} of this JVM into the cells
 * of the notebook being run (through an {@link OutputRecorder}), and gives
 * cells an empty {@code System.in}: a headless run has nobody to type. Close
 * it to put the JVM's own streams back.
 *
 * <pre>{@code
 * jshell> try (var c = StreamCapture.install()) { c.routeTo(recorder); ... }
 * }</pre>
 */
public final class StreamCapture implements AutoCloseable {
    private final PrintStream oldOut;
    private final PrintStream oldErr;
    private final InputStream oldIn;
    private volatile OutputRecorder target;

    private StreamCapture() {
        oldOut = System.out;
        oldErr = System.err;
        oldIn = System.in;
    }

    /** Replaces the JVM's streams; what is written while no recorder is set is dropped. */
    public static StreamCapture install() {
        StreamCapture c = new StreamCapture();
        System.setOut(c.stream("stdout"));
        System.setErr(c.stream("stderr"));
        System.setIn(new ByteArrayInputStream(new byte[0]));
        return c;
    }

    private PrintStream stream(String name) {
        return new PrintStream(new Utf8Stream(text -> {
            OutputRecorder r = target;
            if (r != null) {
                r.stream(name, text);
            }
        }), true, StandardCharsets.UTF_8);
    }

    /** Sends later output to {@code recorder} (null: nowhere). */
    public void routeTo(OutputRecorder recorder) {
        target = recorder;
    }

    /** The JVM's stdout as it was before {@link #install}, for the tool's own messages. */
    public PrintStream originalOut() {
        return oldOut;
    }

    public PrintStream originalErr() {
        return oldErr;
    }

    @Override
    public void close() {
        target = null;
        System.setOut(oldOut);
        System.setErr(oldErr);
        System.setIn(oldIn);
    }
}
