package org.workbook.kernel.protocol;

import io.github.spencerpark.jupyter.channels.ShellChannel;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.channels.StdinChannel;
import io.github.spencerpark.jupyter.channels.JupyterSocket;
import io.github.spencerpark.jupyter.messages.MessageContext;

/**
 * The reply environment of one request, plus the one thing the base library's
 * lacks: a way for the execute handler to ask, after an error with
 * {@code stop_on_error}, that the execute requests already queued be aborted.
 */
public final class ReplyEnv extends ShellReplyEnvironment {
    private boolean abortQueued;

    ReplyEnv(ShellChannel shell, StdinChannel stdin, JupyterSocket iopub, MessageContext context) {
        super(shell, stdin, iopub, context);
    }

    /** Abort (reply "aborted" to) the execute requests waiting behind this one. */
    public void abortQueuedExecutes() {
        abortQueued = true;
    }

    boolean abortRequested() {
        return abortQueued;
    }
}
