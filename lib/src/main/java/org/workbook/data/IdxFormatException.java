package org.workbook.data;

/** An IDX file whose header or length is wrong; the message names the file and the fault. */
public class IdxFormatException extends DataException {
    public IdxFormatException(String message) {
        super(message);
    }

    public IdxFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
