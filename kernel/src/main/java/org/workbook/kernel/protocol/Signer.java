package org.workbook.kernel.protocol;

import io.github.spencerpark.jupyter.messages.HMACGenerator;

/** Computes the hex HMAC of a message's four signed frames; "" when signing is off. */
@FunctionalInterface
interface Signer {
    String sign(byte[]... parts);

    static Signer of(HMACGenerator generator) {
        return generator::calculateSignature;
    }
}
