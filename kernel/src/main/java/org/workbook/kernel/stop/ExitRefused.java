package org.workbook.kernel.stop;

/** What a cell's refused {@code System.exit}/{@code Runtime.halt} throws in the kernel (see {@link Exits}). */
public final class ExitRefused extends SecurityException {
    private static final long serialVersionUID = 1L;

    ExitRefused(String message) {
        super(message);
    }
}
