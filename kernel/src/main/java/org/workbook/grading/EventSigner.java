package org.workbook.grading;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The worker's half of the verdict channel. The grader makes a fresh random
 * key per submission and writes it to the worker's stdin (never the command
 * line, the environment or a file); the worker reads it before any cell runs,
 * closes stdin, and signs every event it writes to its stdout with
 * HMAC-SHA256 over a sequence number and the event. A line a submission
 * writes there cannot carry a valid signature, and a signed line cannot be
 * replayed or dropped without the grader seeing a gap in the sequence
 * ({@link ChannelReader}). This object is reachable only from the worker's
 * own stack and a shutdown hook, never from a static field, so a cell's code
 * cannot find it by reflection.
 */
final class EventSigner {
    /** Lines on the channel start with this; the grader reads nothing else as an event. */
    static final String PREFIX = "WBEV ";
    static final String ALGORITHM = "HmacSHA256";
    static final int KEY_BYTES = 32;

    private final Mac mac;
    private final OutputStream out;
    private long seq;

    EventSigner(byte[] key, OutputStream out) {
        this.mac = newMac(key);
        this.out = out;
        Arrays.fill(key, (byte) 0);
    }

    static Mac newMac(byte[] key) {
        try {
            Mac m = Mac.getInstance(ALGORITHM);
            m.init(new SecretKeySpec(key, ALGORITHM));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK: " + e.getMessage(), e);
        }
    }

    /** Reads the key line (hex) the grader writes first to stdin. */
    static byte[] readKey(InputStream in) throws IOException {
        byte[] line = in.readNBytes(KEY_BYTES * 2 + 1);
        String hex = new String(line, StandardCharsets.US_ASCII).strip();
        if (hex.length() != KEY_BYTES * 2) {
            throw new IOException("no key on stdin: GradeWorker is started by ./workbook grade, not by hand");
        }
        return HexFormat.of().parseHex(hex);
    }

    /** The signature of event {@code seq}: what both halves compute. */
    static String sign(Mac mac, long seq, String json) {
        mac.reset();
        mac.update((seq + " " + json).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac.doFinal());
    }

    synchronized void write(String json) {
        String line = PREFIX + seq + " " + sign(mac, seq, json) + " " + json + "\n";
        seq++;
        try {
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            // The grader sees the channel end here and grades what it has.
        }
    }
}
