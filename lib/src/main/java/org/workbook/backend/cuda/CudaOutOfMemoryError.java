package org.workbook.backend.cuda;

/** The device has no room for a tensor, after the cache and the garbage collector were asked (torch's OutOfMemoryError). */
public class CudaOutOfMemoryError extends RuntimeException {
    public CudaOutOfMemoryError(String message) {
        super(message);
    }
}
