package org.workbook.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/**
 * Image files as uint8 tensors, like {@code tensor(Image.open(path))} in PIL:
 * a grayscale image is [height, width], a colour one [height, width, 3]
 * (RGB) or [height, width, 4] (RGBA).
 *
 * <pre>{@code
 * jshell> var im3 = Images.open(MnistSample.path().resolve("train/3/7.png"))
 * jshell> im3.shape()
 * $2 ==> torch.Size([28, 28])
 * jshell> im3.get("4:10, 4:10")
 * }</pre>
 */
public final class Images {
    private Images() { }

    /** Reads a PNG, JPEG, GIF or BMP file. */
    public static Tensor open(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new DataException(path + " does not exist" + (Files.isDirectory(path) ? " as a file: it is a folder" : ""));
        }
        BufferedImage im;
        try {
            im = ImageIO.read(path.toFile());
        } catch (IOException e) {
            throw new DataException("cannot read the image " + path + ": " + e.getMessage(), e);
        }
        if (im == null) {
            throw new DataException(path + " is not an image Java can read (PNG, JPEG, GIF or BMP)");
        }
        int h = im.getHeight(), w = im.getWidth();
        Raster r = im.getRaster();
        boolean gray = im.getColorModel().getNumColorComponents() == 1 && !im.getColorModel().hasAlpha()
                && im.getColorModel().getPixelSize() <= 16 && im.getType() != BufferedImage.TYPE_BYTE_BINARY
                && im.getType() != BufferedImage.TYPE_BYTE_INDEXED;
        if (gray) {
            byte[] px = new byte[h * w];
            if (im.getType() == BufferedImage.TYPE_BYTE_GRAY) {
                r.getDataElements(0, 0, w, h, px);
            } else {
                // 16-bit (or odd-depth) gray: keep the top 8 bits, as PIL's convert("L").
                int bits = im.getColorModel().getComponentSize(0);
                int[] s = r.getSamples(0, 0, w, h, 0, (int[]) null);
                for (int i = 0; i < s.length; i++) {
                    px[i] = (byte) (bits > 8 ? s[i] >> (bits - 8) : s[i] * 255 / ((1 << bits) - 1));
                }
            }
            return Tensors.fromUint8(px, h, w);
        }
        boolean alpha = im.getColorModel().hasAlpha();
        int c = alpha ? 4 : 3;
        byte[] px = new byte[h * w * c];
        int[] argb = im.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            px[i * c] = (byte) (p >> 16);
            px[i * c + 1] = (byte) (p >> 8);
            px[i * c + 2] = (byte) p;
            if (alpha) {
                px[i * c + 3] = (byte) (p >>> 24);
            }
        }
        return Tensors.fromUint8(px, h, w, c);
    }

    /**
     * Writes a uint8 tensor as an image file ({@code png} unless the name ends
     * in .jpg/.bmp/.gif): [h, w] as grayscale, [h, w, 3] as RGB.
     */
    public static void save(Tensor t, Path path) {
        int[] s = t.shape().toArray();
        if (t.dtype() != DType.UINT8 || !(s.length == 2 || (s.length == 3 && s[2] == 3))) {
            throw new IllegalArgumentException("Images.save needs a uint8 tensor [h, w] or [h, w, 3], got "
                    + t.shape() + " " + t.dtype() + " (convert with .mul(255).to(DType.UINT8) first)");
        }
        long[] v = t.toLongArray();
        byte[] px = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            px[i] = (byte) v[i];
        }
        write(px, s[0], s[1], s.length == 2 ? 1 : 3, path);
    }

    /** Writes raw pixels, row-major, 1 (gray) or 3 (RGB) bytes each. */
    static void write(byte[] px, int h, int w, int channels, Path path) {
        BufferedImage im = new BufferedImage(w, h, channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((DataBufferByte) im.getRaster().getDataBuffer()).getData();
        if (channels == 1) {
            System.arraycopy(px, 0, dst, 0, h * w);
        } else {
            for (int i = 0; i < h * w; i++) {   // RGB in, BGR in the buffer
                dst[3 * i] = px[3 * i + 2];
                dst[3 * i + 1] = px[3 * i + 1];
                dst[3 * i + 2] = px[3 * i];
            }
        }
        String name = path.getFileName().toString().toLowerCase();
        String format = Arrays.stream(new String[] {"jpg", "jpeg", "bmp", "gif"})
                .filter(e -> name.endsWith("." + e)).findFirst().orElse("png");
        try {
            if (!ImageIO.write(im, format, path.toFile())) {
                throw new DataException("Java has no writer for " + format + " images (" + path + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }
}
