package org.workbook.grading;

import javax.crypto.Mac;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;

/**
 * The grader's half of the verdict channel ({@link EventSigner}): reads the
 * worker's stdout to its end, keeping only events whose signature and
 * sequence number are right. Nothing is buffered whole: a line longer than
 * {@link #MAX_LINE} is skipped as it streams by, and only counts remain of
 * whatever else a submission writes there. A line that claims to be an
 * event (or imitates the events' JSON) but fails the check marks the run as
 * tampered with, and so does a gap in the sequence.
 */
final class ChannelReader implements Runnable {
    static final int MAX_LINE = 1 << 20;

    private final InputStream in;
    private final Mac mac;
    private final List<WorkerEvent> events = new ArrayList<>();
    private long next;
    private long noiseBytes;
    private String forged;

    private final Path executed;
    private long executedBytes;

    /** {@code executed}: where the pieces of the executed notebook go (outside the box), or null. */
    ChannelReader(InputStream in, byte[] key, Path executed) {
        this.in = in;
        this.mac = EventSigner.newMac(key);
        this.executed = executed;
    }

    @Override
    public void run() {
        byte[] buf = new byte[64 * 1024];
        byte[] line = new byte[MAX_LINE];
        int len = 0;
        boolean tooLong = false;
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == '\n') {
                        if (tooLong) {
                            noise(len);
                        } else {
                            line(new String(line, 0, len, StandardCharsets.UTF_8));
                        }
                        len = 0;
                        tooLong = false;
                    } else if (len < MAX_LINE) {
                        line[len++] = b;
                    } else {
                        tooLong = true;
                        noiseBytes++;
                    }
                }
            }
        } catch (IOException e) {
            // the worker is gone; what came is what there is
        }
        if (len > 0) {
            noise(len);   // a last line without its end: the worker was killed while writing, or it is not ours
        }
    }

    private synchronized void noise(long bytes) {
        noiseBytes += bytes;
    }

    private synchronized void line(String text) {
        if (!text.startsWith(EventSigner.PREFIX)) {
            noiseBytes += text.length() + 1;
            if (text.contains("\"event\"")) {
                forged = forged == null ? "a line imitating the grader's events on its stdout: " + clip(text) : forged;
            }
            return;
        }
        String[] parts = text.split(" ", 4);
        if (parts.length < 4) {
            forged = forged == null ? "a malformed signed line: " + clip(text) : forged;
            return;
        }
        long seq;
        try {
            seq = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            forged = forged == null ? "a malformed signed line: " + clip(text) : forged;
            return;
        }
        String want = EventSigner.sign(mac, seq, parts[3]);
        if (!MessageDigest.isEqual(want.getBytes(StandardCharsets.US_ASCII),
                parts[2].getBytes(StandardCharsets.US_ASCII))) {
            forged = forged == null ? "an event with a wrong signature: " + clip(text) : forged;
            return;
        }
        if (seq != next) {
            forged = forged == null ? "events out of sequence (event " + seq + " where " + next + " was due)" : forged;
            return;
        }
        next++;
        try {
            WorkerEvent e = WorkerEvent.parse(parts[3]);
            if (e.kind() == WorkerEvent.Kind.FILE) {
                piece(e.evalue());
            } else {
                events.add(e);
            }
        } catch (IOException | IllegalArgumentException e) {
            forged = forged == null ? "a signed event the grader cannot read" : forged;
        }
    }

    /** Appends a piece of the executed notebook, never past the limit on notebooks. */
    private void piece(String base64) {
        if (executed == null || base64 == null) {
            return;
        }
        byte[] b = Base64.getDecoder().decode(base64);
        executedBytes += b.length;
        if (executedBytes <= SubmissionFiles.MAX_BYTES) {
            try {
                Files.write(executed, b, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                executedBytes = Long.MAX_VALUE / 2;   // a disk problem of the grader's: the copy is dropped, not the grade
            }
        }
    }

    private static String clip(String s) {
        String t = s.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 120 ? t.substring(0, 120) + "…" : t;
    }

    synchronized List<WorkerEvent> events() {
        return List.copyOf(events);
    }

    /** What the submission wrote that imitated or broke the channel, or null. */
    synchronized String forged() {
        return forged;
    }

    /** Bytes on the channel that were not events (a submission writing to the raw stdout descriptor). */
    synchronized long noiseBytes() {
        return noiseBytes;
    }
}
