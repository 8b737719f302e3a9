package org.workbook.e2e.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.workbook.data.Images;
import org.workbook.data.MnistSample;
import org.workbook.tensor.Tensor;

/** data/mnist_sample/ laid out as fastai's MNIST_SAMPLE download, from the real MNIST. */
class MnistSampleFolderE2ETest {
    private static long count(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".png")).count();
        }
    }

    @Test
    void foldersHoldThePngsAndLabelsCsvListsThem() throws IOException {
        Path path = MnistSample.path();
        assertEquals(6131, count(path.resolve("train/3")));
        assertEquals(6265, count(path.resolve("train/7")));
        assertEquals(1010, count(path.resolve("valid/3")));
        assertEquals(1028, count(path.resolve("valid/7")));
        List<String> csv = Files.readAllLines(path.resolve("labels.csv"));
        assertEquals(1 + 6131 + 6265 + 1010 + 1028, csv.size());
        assertEquals("name,label", csv.get(0));
        assertEquals("train/3/7.png,0", csv.get(1));   // MNIST's training digit 7 is its first 3
        assertEquals("train/7/15.png,1", csv.get(1 + 6131));
    }

    @Test
    void aPngOpensAsTheSamePixelsAsTheIdxFile() {
        Path path = MnistSample.path();
        Tensor fromPng = Images.open(path.resolve("valid/7/0.png"));   // MNIST's first test digit is a 7
        Tensor fromIdx = MnistSample.images("valid", 7).get(0);
        assertArrayEquals(new int[] {28, 28}, fromPng.shape().toArray());
        assertArrayEquals(fromIdx.toLongArray(), fromPng.toLongArray());
        int[] threes = MnistSample.indices("train", 3);
        Tensor last = Images.open(path.resolve("train/3/" + threes[threes.length - 1] + ".png"));
        assertArrayEquals(MnistSample.images("train", 3).get(threes.length - 1).toLongArray(), last.toLongArray());
    }
}
