package org.workbook.kernel.magic;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The Maven artifacts the kernel itself runs on (Jackson, XChart, ZeroMQ...), read from the
 * {@code META-INF/maven/GROUP/ARTIFACT/pom.properties} files on its class path (the shaded jar
 * keeps one for every library inside it). A notebook's class loader asks the kernel's first,
 * so for these the kernel's version is the one a cell gets, whatever %maven resolves.
 */
final class KernelArtifacts {
    private KernelArtifacts() { }

    /** "group:artifact" to version, for every artifact on {@code classPath}. */
    static Map<String, String> on(String classPath) {
        Map<String, String> out = new HashMap<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            try {
                if (Files.isRegularFile(p) && entry.endsWith(".jar")) {
                    readJar(p, out);
                } else if (Files.isDirectory(p.resolve("META-INF/maven"))) {
                    try (Stream<Path> s = Files.walk(p.resolve("META-INF/maven"), 3)) {
                        for (Path f : s.filter(x -> x.getFileName().toString().equals("pom.properties")).toList()) {
                            try (InputStream in = Files.newInputStream(f)) {
                                put(in, out);
                            }
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // an unreadable entry contributes nothing; %maven then just cannot warn about it
            }
        }
        return out;
    }

    private static void readJar(Path jar, Map<String, String> out) throws IOException {
        try (JarFile jf = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> es = jf.entries();
            while (es.hasMoreElements()) {
                JarEntry e = es.nextElement();
                if (e.getName().startsWith("META-INF/maven/") && e.getName().endsWith("/pom.properties")) {
                    try (InputStream in = jf.getInputStream(e)) {
                        put(in, out);
                    }
                }
            }
        }
    }

    private static void put(InputStream in, Map<String, String> out) throws IOException {
        Properties p = new Properties();
        p.load(in);
        String g = p.getProperty("groupId");
        String a = p.getProperty("artifactId");
        String v = p.getProperty("version");
        if (g != null && a != null && v != null) {
            out.putIfAbsent(g + ":" + a, v);
        }
    }
}
