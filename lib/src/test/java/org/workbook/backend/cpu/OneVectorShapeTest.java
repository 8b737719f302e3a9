package org.workbook.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The SIMD kernels' house rule (see {@link SimdSum}'s class comment): one vector shape in the
 * whole JVM, the preferred one. A second float shape anywhere (a half-width species to widen
 * floats to doubles, say) mixes the type profiles of the JDK's shared vector methods, and the
 * kernels C2 compiles after that box their vectors: SimdChannels' 256-bit species made lesson
 * 8's MLP epoch 1.7 times slower in the full bench JVM, and no kernel test saw it, since each
 * runs in a JVM that never met the second shape. So this test reads the main sources: a species
 * comes only from {@code SPECIES_PREFERRED}, and nothing names a shape.
 */
class OneVectorShapeTest {
    private static final Path SOURCES = Path.of("src/main/java");
    /** What builds or names a vector species or shape other than the preferred one. */
    private static final Pattern OTHER_SHAPE = Pattern.compile(
        "\\bSPECIES_(?:64|128|256|512|MAX)\\b|\\bVectorShape\\b|VectorSpecies\\.of\\w*\\(|\\.withShape\\("
            + "|\\.withLanes\\(|\\.castShape\\(|\\.reinterpretShape\\(|\\.unslice\\(");

    @Test
    void theSourcesExist() {
        assertTrue(Files.isDirectory(SOURCES.resolve("org/workbook/backend/cpu")),
            "run from lib/ (surefire's working directory): " + SOURCES.toAbsolutePath());
    }

    @Test
    void everySpeciesIsThePreferredOne() throws IOException {
        List<String> found = new ArrayList<>();
        int vectorFiles = 0;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String text = Files.readString(f);
                if (!text.contains("jdk.incubator.vector")) {
                    continue;
                }
                vectorFiles++;
                String code = withoutComments(text);
                Matcher m = OTHER_SHAPE.matcher(code);
                while (m.find()) {
                    found.add(SOURCES.relativize(f) + ": " + m.group());
                }
            }
        }
        assertTrue(vectorFiles >= 5, "the SIMD classes were found (" + vectorFiles + ")");
        assertEquals(List.of(), found, "a second vector shape: use FloatVector.SPECIES_PREFERRED (and DoubleVector's, "
            + "IntVector's of the same shape) and widen floats with convertShape(F2D, D, 0 / 1)");
    }

    @Test
    void theRuleCatchesAHalfWidthSpecies() {
        String bad = "static final VectorSpecies<Float> FH = VectorSpecies.of(float.class, "
            + "VectorShape.forBitSize(256)); // VectorShape in a comment is fine";
        Matcher m = OTHER_SHAPE.matcher(withoutComments(bad));
        List<String> hits = new ArrayList<>();
        while (m.find()) {
            hits.add(m.group());
        }
        assertEquals(List.of("VectorSpecies.of(", "VectorShape"), hits);
    }

    /** The code without its // and block comments (a comment may name what the code must not). */
    static String withoutComments(String java) {
        return java.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
    }
}
