package org.workbook.kernel.protocol;

import io.github.spencerpark.jupyter.channels.ShellChannel;
import io.github.spencerpark.jupyter.channels.ShellHandler;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.messages.HMACGenerator;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import org.zeromq.ZMQ;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A shell or control socket with its own thread. Unlike the base library's
 * loop (poll, then sleep 50 ms) it blocks in poll, so a request is picked up at
 * once; it checks every signature in constant time and drops (and logs) a
 * message whose signature is wrong instead of dying; and after an error with
 * {@code stop_on_error} it aborts the execute requests already waiting.
 */
final class SignedShellChannel extends ShellChannel {
    private static final Logger LOG = Logger.getLogger(SignedShellChannel.class.getName());
    private static final long POLL_MS = 100;

    private final KernelConnection connection;
    private final Signer signer;
    private final String name;
    private final boolean control;
    private Thread loop;

    SignedShellChannel(ZMQ.Context context, HMACGenerator hmac, boolean control, KernelConnection connection) {
        super(context, hmac, control, null);
        this.connection = connection;
        this.signer = Signer.of(hmac);
        this.control = control;
        this.name = control ? "control" : "shell";
    }

    @Override
    public void bind(KernelConnectionProperties p) {
        int port = control ? p.getControlPort() : p.getShellPort();
        bind(formatAddress(p.getTransport(), p.getIp(), port));
        loop = new Thread(this::serve, "workbook-" + name);
        loop.setDaemon(true);
        loop.start();
    }

    /** The next message with a good signature, or null when none arrived in time. */
    private Message<?> next(ZMQ.Poller poller, long timeoutMs) {
        // jeromq's poll(0) may block; a zero timeout asks the socket's event flags instead
        boolean ready = timeoutMs == 0 ? (getEvents() & ZMQ.Poller.POLLIN) != 0 : poller.poll(timeoutMs) > 0;
        if (!ready) {
            return null;
        }
        try {
            return WireFormat.read(this, signer);
        } catch (WireFormat.Rejected e) {
            LOG.warning(name + ": dropped a message, not executed: " + e.getMessage());
            return null;
        }
    }

    private void serve() {
        ZMQ.Poller poller = ctx.poller(1);
        poller.register(this, ZMQ.Poller.POLLIN);
        while (!connection.isShuttingDown()) {
            try {
                serveOne(poller);
            } catch (Throwable t) {
                // Whatever one message did (even running the heap out), the socket keeps being served.
                MemoryReserve.release();
                LOG.log(Level.SEVERE, name + ": a message could not be handled", t);
            }
        }
        poller.close();
        connection.channelStopped();
    }

    private void serveOne(ZMQ.Poller poller) {
        Message<?> m = next(poller, POLL_MS);
        if (m != null) {
            dispatch(m, false, poller);
        }
    }

    /**
     * Handles one message. When its handler asks to abort queued executes (stop_on_error), what
     * is queued is taken off the socket before the failing cell's reply goes out (only requests
     * sent before the client could see the error are there then, so one sent after the reply is
     * never aborted), and answered after that reply, keeping the replies in request order.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void dispatch(Message<?> m, boolean aborting, ZMQ.Poller poller) {
        MessageType<?> type = m.getHeader().getType();
        ReplyEnv env = connection.replyEnv(this, m);
        if (aborting && type == MessageType.EXECUTE_REQUEST) {
            env.setBusyDeferIdle();
            env.reply(new Message(m, MessageType.EXECUTE_REPLY, Aborted.REPLY));
            env.resolveDeferrals();
            return;
        }
        ShellHandler handler = connection.handler(type);
        if (handler == null) {
            LOG.fine(name + ": no handler for " + WireFormat.typeName(m));
            return;
        }
        try {
            handler.handle(env, m);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, name + ": handling " + type.getName() + " failed", e);
        } finally {
            // Taken off the socket before the reply goes out, answered (aborted) after it, in order.
            java.util.List<Message<?>> queued = new java.util.ArrayList<>();
            if (env.abortRequested() && poller != null) {
                Message<?> q;
                while ((q = next(poller, 0)) != null) {
                    queued.add(q);
                }
            }
            env.resolveDeferrals();
            for (Message<?> q : queued) {
                dispatch(q, true, null);
            }
        }
        if (env.isMarkedForShutdown()) {
            connection.shutdown();
        }
    }
}
