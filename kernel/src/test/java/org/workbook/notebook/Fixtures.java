package org.workbook.notebook;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Test resources under notebook/, and the project checkout the tests run in. */
final class Fixtures {
    private Fixtures() {
    }

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/notebook/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource notebook/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/notebook/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The synthetic lessons in notebook/lessons/, by file name. */
    static List<String> lessonNames() throws IOException {
        try (Stream<Path> s = Files.list(path("lessons"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md")).sorted().toList();
        }
    }

    /** The project root: the first folder up from here with the launcher and a pom.xml. */
    static Path projectRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !(Files.isRegularFile(p.resolve("workbook")) && Files.isRegularFile(p.resolve("pom.xml")))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no project root (a folder with ./workbook and pom.xml) above "
                    + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
