package org.workbook.tensor;

import org.workbook.backend.cuda.CudaBackend;
import org.workbook.backend.cuda.CudaTransfer;

/** Copies a tensor's values to another device (no autograd: {@link Tensor#to(Device)} adds that). */
final class Transfers {
    private Transfers() {
    }

    static Tensor copyTo(Tensor t, Device d) {
        if (d.equals(t.device())) {
            return t;
        }
        Tensor onHost = CudaTransfer.download(t);
        return d.isCpu() ? onHost : CudaTransfer.upload(CudaBackend.of(d.index()), onHost);
    }
}
