package org.workbook.kernel.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Checks Jupyter message signatures (hex HMAC digests) without leaking, through
 * timing, how many leading characters of a forged signature were right.
 * {@code String.equals} stops at the first difference; an attacker on the same
 * machine could time it to guess the signature byte by byte.
 *
 * <pre>{@code
 * jshell> Signatures.matches("ab12", "ab12")
 * $1 ==> true
 * jshell> Signatures.matches("ab12", "ab13")
 * $2 ==> false
 * }</pre>
 */
public final class Signatures {
    private Signatures() { }

    /**
     * True when {@code received} equals {@code expected}. The comparison time
     * depends only on the lengths. A null {@code expected} means signing is off
     * (the connection file has an empty key): then only an empty or absent
     * signature is accepted, as the protocol asks.
     */
    public static boolean matches(String expected, String received) {
        String want = expected == null ? "" : expected;
        String got = received == null ? "" : received;
        return MessageDigest.isEqual(want.getBytes(StandardCharsets.US_ASCII), got.getBytes(StandardCharsets.US_ASCII));
    }
}
