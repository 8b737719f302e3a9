package org.workbook.kernel.protocol;

import io.github.spencerpark.jupyter.channels.IOPubChannel;
import io.github.spencerpark.jupyter.messages.HMACGenerator;
import io.github.spencerpark.jupyter.messages.Header;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import org.zeromq.ZMQ;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The IOPub socket, written by one thread of its own. Cell code prints and
 * displays from the cell's thread, and that thread may be stopped at any
 * instruction by an interrupt (Thread.stop): were it inside ZeroMQ at that
 * moment, half a multipart message would be sent, or the socket's signalling
 * pipe closed for good. Queuing keeps the cell's thread out of ZeroMQ.
 */
final class QueuedIOPub extends IOPubChannel {
    private static final Logger LOG = Logger.getLogger(QueuedIOPub.class.getName());
    private static final Message<Object> STOP = new Message<>(new Header<>(MessageType.UNKNOWN), null);

    private final LinkedBlockingQueue<Message<?>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;

    QueuedIOPub(ZMQ.Context context, HMACGenerator hmac) {
        super(context, hmac);
        writer = new Thread(this::drain, "workbook-iopub");
        writer.setDaemon(true);
    }

    void start() {
        writer.start();
    }

    @Override
    public void sendMessage(Message<?> message) {
        queue.add(message);
    }

    private void drain() {
        try {
            while (true) {
                Message<?> m = queue.take();
                if (m == STOP) {
                    return;
                }
                try {
                    super.sendMessage(m);
                } catch (OutOfMemoryError e) {
                    // A cell keeps the heap full: free the kernel's reserve and try this one again.
                    MemoryReserve.release();
                    retry(m);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "could not publish " + m.getHeader().getType().getName(), e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void retry(Message<?> m) {
        try {
            super.sendMessage(m);
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.log(Level.WARNING, "could not publish " + m.getHeader().getType().getName() + " (out of memory)");
        }
    }

    /** Sends what is queued, then stops the writer (waits at most {@code millis}). */
    void flushAndStop(long millis) {
        queue.add(STOP);
        try {
            writer.join(TimeUnit.MILLISECONDS.toMillis(millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
