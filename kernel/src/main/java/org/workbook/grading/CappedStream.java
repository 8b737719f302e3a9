package org.workbook.grading;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a stream to its end keeping only its first {@code keep} bytes and a
 * count of the rest, so a worker that writes gigabytes to its stderr costs
 * the grader a copy loop, never memory or disk.
 */
final class CappedStream implements Runnable {
    private final InputStream in;
    private final int keep;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private long total;

    CappedStream(InputStream in, int keep) {
        this.in = in;
        this.keep = keep;
    }

    @Override
    public void run() {
        byte[] buf = new byte[64 * 1024];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                synchronized (this) {
                    int room = (int) Math.max(0, Math.min(n, keep - head.size()));
                    head.write(buf, 0, room);
                    total += n;
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    synchronized String head() {
        String s = head.toString(StandardCharsets.UTF_8);
        return total > keep ? s + "\n[… " + (total - keep) + " more bytes not kept]" : s;
    }

    synchronized long total() {
        return total;
    }
}
