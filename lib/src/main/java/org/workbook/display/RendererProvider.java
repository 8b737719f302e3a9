package org.workbook.display;

/**
 * A service (listed in {@code META-INF/services/org.workbook.display.RendererProvider})
 * that registers renderers with {@link Renderers#register} when rendering is
 * first used. The plot package provides the ones for charts, images and tensors.
 */
public interface RendererProvider {
    void registerAll();
}
