package org.workbook.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

class ImagesTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void aGrayPngRoundTripsAsUint8HeightByWidth(long seed) {
        Random r = new Random(seed);
        int h = 1 + r.nextInt(40), w = 1 + r.nextInt(40);
        byte[] px = new byte[h * w];
        r.nextBytes(px);
        Path p = tmp.resolve("g" + seed + ".png");
        Images.save(Tensors.fromUint8(px, h, w), p);
        Tensor t = Images.open(p);
        assertEquals(DType.UINT8, t.dtype());
        assertArrayEquals(new int[] {h, w}, t.shape().toArray());
        long[] got = t.toLongArray();
        for (int i = 0; i < px.length; i++) {
            assertEquals(px[i] & 0xff, got[i], "pixel " + i);
        }
    }

    @Test
    void colourImagesAreHeightByWidthByChannels() throws IOException {
        Path rgb = tmp.resolve("c.png");
        byte[] px = {(byte) 255, 0, 0, 0, (byte) 200, 10};   // 1x2: red, green-ish
        Images.save(Tensors.fromUint8(px, 1, 2, 3), rgb);
        Tensor t = Images.open(rgb);
        assertArrayEquals(new int[] {1, 2, 3}, t.shape().toArray());
        assertArrayEquals(new long[] {255, 0, 0, 0, 200, 10}, t.toLongArray());

        BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x80112233);
        Path a = tmp.resolve("a.png");
        ImageIO.write(argb, "png", a.toFile());
        Tensor ta = Images.open(a);
        assertArrayEquals(new int[] {1, 2, 4}, ta.shape().toArray());
        assertArrayEquals(new long[] {0x11, 0x22, 0x33, 0x80}, java.util.Arrays.copyOf(ta.toLongArray(), 4));
    }

    @Test
    void badFilesSayWhatIsWrong() throws IOException {
        Path missing = tmp.resolve("none.png");
        var e1 = assertThrows(DataException.class, () -> Images.open(missing));
        assertEquals(missing + " does not exist", e1.getMessage());
        var e2 = assertThrows(DataException.class, () -> Images.open(tmp));
        assertEquals(tmp + " does not exist as a file: it is a folder", e2.getMessage());
        Path text = Files.writeString(tmp.resolve("t.png"), "not an image");
        var e3 = assertThrows(DataException.class, () -> Images.open(text));
        assertEquals(text + " is not an image Java can read (PNG, JPEG, GIF or BMP)", e3.getMessage());
        var e4 = assertThrows(IllegalArgumentException.class, () -> Images.save(Tensors.zeros(2, 2), tmp.resolve("f.png")));
        assertTrue(e4.getMessage().startsWith("Images.save needs a uint8 tensor [h, w] or [h, w, 3], got torch.Size([2, 2])"),
                e4.getMessage());
    }
}
