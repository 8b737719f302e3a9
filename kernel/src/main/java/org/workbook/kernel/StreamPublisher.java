package org.workbook.kernel;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Collects what cell code prints and hands it on as text, a line or a flush at a
 * time. Thread-safe: training loops print from other threads too.
 */
final class StreamPublisher extends OutputStream {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
    private final Consumer<String> sink;

    StreamPublisher(Consumer<String> sink) {
        this.sink = sink;
    }

    @Override
    public synchronized void write(int b) {
        buffer.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        buffer.write(b, off, len);
    }

    @Override
    public synchronized void flush() {
        if (buffer.size() > 0) {
            String text = buffer.toString(StandardCharsets.UTF_8);
            buffer.reset();
            sink.accept(text);
        }
    }
}
