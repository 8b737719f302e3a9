package org.workbook.plot;

import java.awt.image.BufferedImage;
import java.util.Map;
import org.knowm.xchart.internal.chartpart.Chart;
import org.workbook.display.MimeBundle;
import org.workbook.display.RendererProvider;
import org.workbook.display.Renderers;

/**
 * Registers how XChart charts and Java images show: any XChart chart as a PNG at
 * twice its size (its own styling kept), a {@code BufferedImage} as a PNG of its
 * pixels. Figures, panels and tables show themselves ({@code Displayable}). Listed
 * in {@code META-INF/services/org.workbook.display.RendererProvider}.
 */
public final class PlotRenderers implements RendererProvider {
    @Override
    public void registerAll() {
        Renderers.register(Chart.class, c -> Figure.of((Chart<?, ?>) c).toMimeBundle());
        Renderers.register(BufferedImage.class, PlotRenderers::image);
    }

    /** The pixels as they are, one PNG pixel per image pixel. */
    static MimeBundle image(BufferedImage img) {
        String text = "BufferedImage(" + img.getWidth() + "x" + img.getHeight() + ", " + typeName(img.getType()) + ")";
        return MimeBundle.text(text)
                .with("image/png", Png.base64(Png.encode(img)))
                .withMetadata("image/png", Map.of("width", img.getWidth(), "height", img.getHeight()));
    }

    private static String typeName(int type) {
        switch (type) {
            case BufferedImage.TYPE_BYTE_GRAY: return "grey";
            case BufferedImage.TYPE_USHORT_GRAY: return "grey 16-bit";
            case BufferedImage.TYPE_INT_RGB: case BufferedImage.TYPE_3BYTE_BGR: case BufferedImage.TYPE_INT_BGR: return "RGB";
            case BufferedImage.TYPE_INT_ARGB: case BufferedImage.TYPE_4BYTE_ABGR: return "RGBA";
            default: return "type " + type;
        }
    }
}
