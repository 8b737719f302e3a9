package org.workbook.kernel.protocol;

import io.github.spencerpark.jupyter.channels.StdinChannel;
import io.github.spencerpark.jupyter.messages.HMACGenerator;
import io.github.spencerpark.jupyter.messages.Message;
import org.zeromq.ZMQ;

import java.util.logging.Logger;

/**
 * The stdin socket, whose {@code input_reply} messages get the same signature
 * check as the shell's: a reply with a bad signature is dropped and the kernel
 * goes on waiting for a genuine one.
 */
final class SignedStdinChannel extends StdinChannel {
    private static final Logger LOG = Logger.getLogger(SignedStdinChannel.class.getName());
    private final Signer signer;

    SignedStdinChannel(ZMQ.Context context, HMACGenerator hmac) {
        super(context, hmac);
        this.signer = Signer.of(hmac);
    }

    @Override
    public synchronized Message<?> readMessage() {
        while (!closed) {
            try {
                return WireFormat.read(this, signer);
            } catch (WireFormat.Rejected e) {
                LOG.warning("stdin: dropped a message: " + e.getMessage());
            }
        }
        return null;
    }
}
