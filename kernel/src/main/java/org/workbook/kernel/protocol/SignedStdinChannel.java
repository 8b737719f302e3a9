package org.workbook.kernel.protocol;

import io.github.spencerpark.jupyter.channels.StdinChannel;
import io.github.spencerpark.jupyter.messages.HMACGenerator;
import io.github.spencerpark.jupyter.messages.Message;
import org.workbook.kernel.stop.StopSignal;
import org.zeromq.ZMQ;

import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.logging.Logger;

/**
 * The stdin socket, whose {@code input_reply} messages get the same signature
 * check as the shell's: a reply with a bad signature is dropped and the kernel
 * goes on waiting for a genuine one.
 */
final class SignedStdinChannel extends StdinChannel {
    private static final Logger LOG = Logger.getLogger(SignedStdinChannel.class.getName());
    private static final long POLL_MS = 50;
    private final Signer signer;

    SignedStdinChannel(ZMQ.Context context, HMACGenerator hmac) {
        super(context, hmac);
        this.signer = Signer.of(hmac);
    }

    /**
     * Waits for the front end's reply in short polls rather than one blocking
     * receive, so the cell thread reading {@code System.in} notices an interrupt
     * (the stop button) at once instead of waiting for a reply that may never come.
     */
    @Override
    public synchronized Message<?> readMessage() {
        ZMQ.Poller poller = ctx.poller(1);
        poller.register(this, ZMQ.Poller.POLLIN);
        try {
            while (!closed) {
                // ZeroMQ's poll may swallow the interrupt; the stop signal stays raised for the thread.
                if (Thread.currentThread().isInterrupted() || StopSignal.isStopping(Thread.currentThread())) {
                    throw new UncheckedIOException(new InterruptedIOException("reading System.in was interrupted"));
                }
                if (poller.poll(POLL_MS) <= 0) {
                    continue;
                }
                try {
                    return WireFormat.read(this, signer);
                } catch (WireFormat.Rejected e) {
                    LOG.warning("stdin: dropped a message: " + e.getMessage());
                }
            }
            return null;
        } finally {
            poller.close();
        }
    }
}
