package org.workbook.kernel.protocol;

import io.github.spencerpark.jupyter.channels.JupyterSocket;
import io.github.spencerpark.jupyter.channels.ShellChannel;
import io.github.spencerpark.jupyter.channels.ShellHandler;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.messages.HMACGenerator;
import io.github.spencerpark.jupyter.messages.Header;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageContext;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.publish.PublishStatus;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The kernel's five sockets (shell, control, stdin, iopub, heartbeat), each
 * served by a thread of its own, so an interrupt on control is heard while a
 * cell runs on shell. Handlers are registered per message type, as in the base
 * library's {@code JupyterConnection}, whose socket loops this replaces (see
 * {@link SignedShellChannel} for why).
 */
public final class KernelConnection {
    private static final int LINGER_MS = 1000;
    /** This kernel's session id, for messages that answer no request. */
    static final String SESSION = java.util.UUID.randomUUID().toString();

    private final KernelConnectionProperties props;
    private final ZMQ.Context context = ZMQ.context(1);
    private final SignedShellChannel shell;
    private final SignedShellChannel control;
    private final SignedStdinChannel stdin;
    private final QueuedIOPub iopub;
    private final ZMQ.Socket heartbeat;
    private final Map<MessageType<?>, ShellHandler<?>> handlers = new ConcurrentHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(3);
    private volatile boolean shuttingDown;

    public KernelConnection(KernelConnectionProperties props) throws GeneralSecurityException {
        this.props = props;
        HMACGenerator hmac = props.createHMACGenerator();
        shell = new SignedShellChannel(context, hmac, false, this);
        control = new SignedShellChannel(context, hmac, true, this);
        stdin = new SignedStdinChannel(context, hmac);
        iopub = new QueuedIOPub(context, hmac);
        heartbeat = context.socket(SocketType.REP);
        for (ZMQ.Socket s : new ZMQ.Socket[] {shell, control, stdin, iopub, heartbeat}) {
            s.setLinger(LINGER_MS);
        }
    }

    public <T> void setHandler(MessageType<T> type, ShellHandler<T> handler) {
        handlers.put(type, handler);
    }

    @SuppressWarnings("unchecked")
    <T> ShellHandler<T> handler(MessageType<T> type) {
        return (ShellHandler<T>) handlers.get(type);
    }

    /** Where the kernel publishes outputs and status (any thread may call it). */
    public JupyterSocket iopub() {
        return iopub;
    }

    /** Binds every socket and starts serving; announces "starting" on iopub. */
    public void connect() {
        bind("iopub", props.getIopubPort(), () -> iopub.bind(props));
        iopub.start();
        bind("stdin", props.getStdinPort(), () -> stdin.bind(props));
        bind("heartbeat", props.getHbPort(), () -> heartbeat.bind(address(props.getHbPort())));
        Thread hb = new Thread(this::beat, "workbook-heartbeat");
        hb.setDaemon(true);
        hb.start();
        bind("shell", props.getShellPort(), () -> shell.bind(props));
        bind("control", props.getControlPort(), () -> control.bind(props));
        iopub.sendMessage(new Message<>(new Header<>(SESSION, PublishStatus.MESSAGE_TYPE), PublishStatus.STARTING));
    }

    /**
     * Binds one socket, or says which port of the connection file could not be had and why (ZeroMQ's
     * own exception names neither). A port another process holds is the usual cause: Jupyter chooses
     * the five ports by asking the system for free ones and writes them to the file, and until the
     * kernel binds them anyone may take them (on a JupyterHub, another student's server or kernel).
     */
    private void bind(String channel, int port, Runnable bind) {
        try {
            bind.run();
        } catch (RuntimeException e) {
            throw new BindFailed(channel, props.getIp(), address(port), e);
        }
    }

    private String address(int port) {
        return props.getTransport() + "://" + props.getIp() + ":" + port;
    }

    private void beat() {
        ZMQ.Poller poller = context.poller(1);
        poller.register(heartbeat, ZMQ.Poller.POLLIN);
        while (!shuttingDown) {
            if (poller.poll(100) > 0) {
                byte[] ping = heartbeat.recv(ZMQ.DONTWAIT);
                if (ping != null) {
                    heartbeat.send(ping);
                }
            }
        }
        poller.close();
        channelStopped();
    }

    ReplyEnv replyEnv(ShellChannel channel, MessageContext request) {
        return new ReplyEnv(channel, stdin, iopub, request);
    }

    boolean isShuttingDown() {
        return shuttingDown;
    }

    /** Asks every socket thread to finish its current message and stop. */
    public void shutdown() {
        shuttingDown = true;
    }

    void channelStopped() {
        stopped.countDown();
    }

    /** Blocks until a shutdown_request was answered (or {@link #shutdown}), then closes the sockets. */
    public void awaitShutdown() throws InterruptedException {
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            // socket threads finish within one poll period of shuttingDown
        }
        iopub.flushAndStop(LINGER_MS);
        for (ZMQ.Socket s : new ZMQ.Socket[] {shell, control, stdin, iopub, heartbeat}) {
            s.close();
        }
        context.term();
    }
}
