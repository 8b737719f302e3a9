package org.workbook.plot;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** PNG bytes for images, and the base64 text Jupyter's {@code image/png} wants. */
public final class Png {
    static {
        // Encoding in memory: no temporary files in java.io.tmpdir.
        ImageIO.setUseCache(false);
    }

    private Png() { }

    /** {@code img} as PNG bytes. */
    public static byte[] encode(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "png", out)) {
                throw new IllegalStateException("this Java has no PNG writer (javax.imageio): use a full JDK 17+");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode a PNG: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** PNG bytes as base64 text, without line breaks. */
    public static String base64(byte[] png) {
        return Base64.getEncoder().encodeToString(png);
    }

    /** A PNG (base64, as in a MIME bundle) back to an image; for tests and tools. */
    public static BufferedImage decode(String base64) {
        try {
            BufferedImage img = ImageIO.read(new java.io.ByteArrayInputStream(Base64.getMimeDecoder().decode(base64)));
            if (img == null) {
                throw new IllegalArgumentException("the text is base64 but not a PNG image");
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException("could not decode a PNG: " + e.getMessage(), e);
        }
    }
}
