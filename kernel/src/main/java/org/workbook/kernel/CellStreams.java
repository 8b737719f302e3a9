package org.workbook.kernel;

import io.github.spencerpark.jupyter.channels.JupyterInputStream;
import io.github.spencerpark.jupyter.channels.JupyterSocket;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageContext;
import io.github.spencerpark.jupyter.messages.publish.PublishStream;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code System.out}, {@code System.err} and {@code System.in} of the kernel's
 * JVM, wired to Jupyter: prints become {@code stream} outputs of the cell that
 * is running (or, from a background thread after it ended, of the last one),
 * and reads of {@code System.in} ask the front end through {@code input_request}.
 * Installed once for good: the kernel itself never prints.
 */
final class CellStreams {
    private final JupyterSocket iopub;
    private final PrintStream out;
    private final PrintStream err;
    private final JupyterInputStream in = new JupyterInputStream(StandardCharsets.UTF_8);
    private volatile MessageContext parent;
    private volatile boolean silent;

    CellStreams(JupyterSocket iopub) {
        this.iopub = iopub;
        this.out = new PrintStream(new StreamPublisher(t -> publish(PublishStream.StreamType.OUT, t)), true, StandardCharsets.UTF_8);
        this.err = new PrintStream(new StreamPublisher(t -> publish(PublishStream.StreamType.ERR, t)), true, StandardCharsets.UTF_8);
    }

    void install() {
        System.setOut(out);
        System.setErr(err);
        System.setIn(in);
    }

    /** From now on, outputs belong to {@code request}; with {@code silent} they are dropped. */
    void beginCell(ShellReplyEnvironment env, MessageContext request, boolean silent, boolean allowStdin) {
        flush();
        this.parent = request;
        this.silent = silent;
        in.setEnv(env);
        in.setEnabled(allowStdin);
    }

    /** Sends what is buffered; {@code System.in} reads see end-of-file until the next cell. */
    void endCell(ShellReplyEnvironment env) {
        flush();
        in.retractEnv(env);
        in.setEnabled(false);
    }

    void flush() {
        out.flush();
        err.flush();
    }

    MessageContext parent() {
        return parent;
    }

    boolean silent() {
        return silent;
    }

    private void publish(PublishStream.StreamType type, String text) {
        if (!silent) {
            iopub.sendMessage(new Message<>(parent, PublishStream.MESSAGE_TYPE, new PublishStream(type, text)));
        }
    }
}
