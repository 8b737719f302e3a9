package org.workbook.data;

/**
 * A data set that is missing, damaged or malformed. The message names the file
 * and says what to run to fix it (usually {@code ./workbook data --force}).
 */
public class DataException extends RuntimeException {
    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
