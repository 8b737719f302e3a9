package org.workbook.runner;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * An OutputStream that hands on text as soon as it is written: bytes are
 * decoded as UTF-8 at once (a character split across two writes waits for its
 * last byte), so prints and pictures keep the order a cell made them in.
 */
final class Utf8Stream extends OutputStream {
    private final Consumer<String> sink;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer pending = ByteBuffer.allocate(0);

    Utf8Stream(Consumer<String> sink) {
        this.sink = sink;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        ByteBuffer in;
        if (pending.hasRemaining()) {
            in = ByteBuffer.allocate(pending.remaining() + len);
            in.put(pending).put(b, off, len).flip();
        } else {
            in = ByteBuffer.wrap(b, off, len);
        }
        CharBuffer out = CharBuffer.allocate(len + 4);
        decoder.decode(in, out, false);
        out.flip();
        // At most three bytes of an unfinished character are left; keep them for the next write.
        pending = ByteBuffer.allocate(in.remaining()).put(in).flip();
        if (out.hasRemaining()) {
            sink.accept(out.toString());
        }
    }
}
