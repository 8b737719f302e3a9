package org.workbook.kernel.magic;

/** A magic that was misspelled or misused; the message says what to type instead. */
public final class MagicException extends Exception {
    public MagicException(String message) {
        super(message);
    }
}
