package org.workbook.kernel.protocol;

import io.github.spencerpark.jupyter.messages.HMACGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignaturesTest {
    @Test
    void equalSignaturesMatch() {
        assertTrue(Signatures.matches("ab12", "ab12"));
        assertTrue(Signatures.matches("", ""));
        assertTrue(Signatures.matches(null, ""), "signing off: an empty signature is accepted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab13", "bb12", "ab1", "ab123", "", "AB12"})
    void anyDifferenceFails(String forged) {
        assertFalse(Signatures.matches("ab12", forged));
        assertFalse(Signatures.matches("ab12", null));
    }

    @Test
    void hmacOfTheFramesIsCheckedAgainstRandomForgeries() throws Exception {
        HMACGenerator hmac = new HMACGenerator("hmac-sha256", "secret-key");
        Signer signer = Signer.of(hmac);
        Random rng = new Random(7);
        byte[][] frames = new byte[4][];
        for (int i = 0; i < 4; i++) {
            frames[i] = ("{\"frame\": " + rng.nextInt() + "}").getBytes(StandardCharsets.UTF_8);
        }
        String good = signer.sign(frames);
        assertEquals(64, good.length());
        assertTrue(Signatures.matches(signer.sign(frames), good));
        for (int trial = 0; trial < 200; trial++) {
            char[] c = good.toCharArray();
            int at = rng.nextInt(c.length);
            c[at] = c[at] == '0' ? '1' : '0';
            assertFalse(Signatures.matches(signer.sign(frames), new String(c)), "flipped char " + at);
        }
        assertFalse(Signatures.matches(new Signer() {
            @Override
            public String sign(byte[]... parts) {
                return signer.sign(parts);
            }
        }.sign(frames), Signer.of(new HMACGenerator("hmac-sha256", "other-key")).sign(frames)));
    }
}
