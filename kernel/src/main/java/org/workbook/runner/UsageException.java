package org.workbook.runner;

/**
 * A command line or an input the tool cannot work with: a missing file, an
 * invalid notebook, an unknown option. The message says what is wrong and how
 * to fix it; the commands exit with status 2.
 */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
