package org.workbook.display;

import org.workbook.tensor.Tensor;

/**
 * Registers how tensors show: PyTorch-style text, plus an HTML table for small
 * 2-D ones ({@link TensorDisplay}). Listed in
 * {@code META-INF/services/org.workbook.display.RendererProvider}.
 */
public final class TensorRenderers implements RendererProvider {
    @Override
    public void registerAll() {
        Renderers.register(Tensor.class, TensorDisplay::bundle);
    }
}
