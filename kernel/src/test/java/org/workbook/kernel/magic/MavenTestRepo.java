package org.workbook.kernel.magic;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A file-based Maven repository written by the test, so %maven is tested without a network:
 * {@code org.demo:greeter:1.0} (class {@code demo.Greeter}) depends on {@code org.demo:dep:1.0}
 * (class {@code demo.dep.Dep}) and on {@code com.fasterxml.jackson.core:jackson-databind:2.9.0},
 * a version the kernel does not run on.
 */
final class MavenTestRepo {
    private MavenTestRepo() { }

    /** Writes the repository under {@code root}; returns its folder. */
    static Path write(Path root) throws IOException {
        Path repo = root.resolve("repo");
        Path src = root.resolve("src");
        artifact(repo, src, "org.demo", "dep", "1.0", "", "demo/dep/Dep.java",
                "package demo.dep; public class Dep { public static String x() { return \"dep\"; } }");
        artifact(repo, src, "com.fasterxml.jackson.core", "jackson-databind", "2.9.0", "", null, null);
        artifact(repo, src, "org.demo", "greeter", "1.0",
                dependency("org.demo", "dep", "1.0") + dependency("com.fasterxml.jackson.core", "jackson-databind", "2.9.0"),
                "demo/Greeter.java",
                "package demo; public class Greeter { public static String hi() { return \"hi from \" + demo.dep.Dep.x(); } }");
        return repo;
    }

    /** A settings.xml whose one mirror (for every repository) is {@code url}, with its own local repository. */
    static Path settings(Path root, String name, String url, Path local) throws IOException {
        Path f = root.resolve(name);
        Files.writeString(f, "<settings>\n  <localRepository>" + local + "</localRepository>\n  <mirrors>\n    <mirror>\n"
                + "      <id>test-mirror</id>\n      <url>" + url + "</url>\n      <mirrorOf>*</mirrorOf>\n"
                + "    </mirror>\n  </mirrors>\n</settings>\n");
        return f;
    }

    private static String dependency(String g, String a, String v) {
        return "<dependency><groupId>" + g + "</groupId><artifactId>" + a + "</artifactId><version>" + v + "</version></dependency>";
    }

    private static void artifact(Path repo, Path src, String g, String a, String v, String deps, String file, String code)
            throws IOException {
        Path dir = repo.resolve(g.replace('.', '/')).resolve(a).resolve(v);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(a + "-" + v + ".pom"), "<project><modelVersion>4.0.0</modelVersion><groupId>" + g
                + "</groupId><artifactId>" + a + "</artifactId><version>" + v + "</version><dependencies>" + deps
                + "</dependencies></project>\n", StandardCharsets.UTF_8);
        Path classes = src.resolve(a + "-classes");
        Files.createDirectories(classes);
        if (file != null) {
            Path java = src.resolve(a).resolve(file);
            Files.createDirectories(java.getParent());
            Files.writeString(java, code);
            int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-d", classes.toString(),
                    "-cp", src.resolve("dep-classes").toString(), java.toString());
            if (rc != 0) {
                throw new IOException("javac failed on " + java);
            }
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve(a + "-" + v + ".jar"));
             JarOutputStream jar = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(p));
                jar.closeEntry();
            }
        }
    }

    static List<String> lines(String printed) {
        return printed.lines().toList();
    }
}
