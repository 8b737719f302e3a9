package org.workbook.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tour writes every figure it promises, as real pictures. */
class PlotTourTest {

    @Test
    void writesSixFiguresAndAPixelTable(@TempDir Path dir) throws Exception {
        List<Path> files = PlotTour.write(dir);
        assertEquals(List.of("function.png", "scatter-fit.png", "digits.png", "mean-digit.png", "roller-coaster.png",
                "training.png", "pixels.html"), files.stream().map(p -> p.getFileName().toString()).toList());
        for (Path f : files.subList(0, 6)) {
            BufferedImage img = ImageIO.read(f.toFile());
            assertTrue(img.getWidth() >= 560 && img.getHeight() >= 200, f + " is " + img.getWidth() + "x" + img.getHeight());
            int ink = 0;
            for (int y = 0; y < img.getHeight(); y += 2) {
                for (int x = 0; x < img.getWidth(); x += 2) {
                    ink += Pixels.white(img.getRGB(x, y)) ? 0 : 1;
                }
            }
            assertTrue(ink > 500, f + " is nearly blank");
        }
        assertEquals(2000, ImageIO.read(dir.resolve("roller-coaster.png").toFile()).getWidth(), "1x4 at 1000 px, 2x");
        String html = Files.readString(dir.resolve("pixels.html"));
        assertTrue(html.contains("background-color: #000000; color: #f1f1f1;"), "some pixel is shaded black");
    }

    @Test
    void withoutMnistTheTourDrawsDigitsOfItsOwn() {
        PlotTour.Digits d = PlotTour.Digits.drawn(8);
        assertEquals(8, d.images.size());
        assertEquals(List.of(3, 7, 1, 5, 9, 3, 7, 1), d.labels);
        for (var img : d.images) {
            assertEquals(List.of(28, 28), List.of(img.size(0), img.size(1)));
            assertTrue(img.toFloat().sum().item() > 255 * 40, "a drawn digit has ink");
        }
        assertEquals(1.0, d.meanOfThrees.max().item(), 1e-6);
    }
}
