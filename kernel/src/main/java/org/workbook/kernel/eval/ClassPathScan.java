package org.workbook.kernel.eval;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The kernel's class path, as JShell's compiler must see it, and the classes
 * under a package prefix found on it. Jars listing further jars in their
 * manifest's {@code Class-Path} (as Surefire's launcher jar does) are followed.
 */
final class ClassPathScan {
    private ClassPathScan() { }

    /** Entries of {@code java.class.path}, with manifest Class-Path references expanded. */
    static List<Path> entries() {
        Set<Path> out = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                add(Path.of(e).toAbsolutePath().normalize(), out);
            }
        }
        return new ArrayList<>(out);
    }

    private static void add(Path p, Set<Path> out) {
        if (!out.add(p) || !Files.isRegularFile(p)) {
            return;
        }
        try (JarFile jar = new JarFile(p.toFile())) {
            Manifest mf = jar.getManifest();
            String cp = mf == null ? null : mf.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (cp == null) {
                return;
            }
            for (String ref : cp.trim().split("\\s+")) {
                try {
                    URI u = p.getParent().toUri().resolve(ref);
                    add(Path.of(u).toAbsolutePath().normalize(), out);
                } catch (IllegalArgumentException e) {
                    // a malformed reference: the JVM ignores it too
                }
            }
        } catch (IOException e) {
            // not a readable jar: nothing to expand
        }
    }

    /** Binary names of the top-level classes whose resource path starts with {@code prefix} ("org/workbook/"). */
    static Set<String> classes(List<Path> entries, String prefix) {
        Set<String> names = new TreeSet<>();
        for (Path p : entries) {
            if (Files.isDirectory(p)) {
                Path root = p.resolve(prefix);
                if (Files.isDirectory(root)) {
                    try (Stream<Path> s = Files.walk(root)) {
                        s.filter(Files::isRegularFile)
                                .map(f -> p.relativize(f).toString().replace(File.separatorChar, '/'))
                                .forEach(n -> addClass(n, names));
                    } catch (IOException e) {
                        // unreadable folder: its packages are simply not imported
                    }
                }
            } else if (Files.isRegularFile(p)) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    jar.stream().map(java.util.zip.ZipEntry::getName)
                            .filter(n -> n.startsWith(prefix))
                            .forEach(n -> addClass(n, names));
                } catch (IOException e) {
                    // not a jar
                }
            }
        }
        return names;
    }

    private static void addClass(String resource, Set<String> names) {
        if (resource.endsWith(".class") && !resource.contains("$") && !resource.endsWith("package-info.class")
                && !resource.endsWith("module-info.class")) {
            names.add(resource.substring(0, resource.length() - 6).replace('/', '.'));
        }
    }
}
