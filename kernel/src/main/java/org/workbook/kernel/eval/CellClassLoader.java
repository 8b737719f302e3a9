package org.workbook.kernel.eval;

import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads the classes JShell compiles from cells, in the kernel's own JVM, with
 * the kernel's class loader as parent: a Tensor made in a cell is the very
 * class the renderers know. Jars added later ({@code %classpath}) are searched
 * after the parent.
 */
final class CellClassLoader implements LoaderDelegate {
    private static final class Loader extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final Map<String, byte[]> declared = new ConcurrentHashMap<>();

        Loader(ClassLoader parent) {
            super("workbook-cells", new URL[0], parent);
        }

        void declare(String name, byte[] bytes) {
            declared.put(name, bytes);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = declared.remove(name); // defined once; keeping the bytes would only grow the heap
            if (b != null) {
                return defineClass(name, b, 0, b.length);
            }
            return super.findClass(name);
        }

        @Override
        protected void addURL(URL url) {
            super.addURL(url);
        }
    }

    private final Loader loader;
    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();

    CellClassLoader(ClassLoader parent) {
        this.loader = new Loader(parent);
    }

    /** The loader cell classes live in (the context class loader of the cell thread). */
    ClassLoader classLoader() {
        return loader;
    }

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException {
        boolean[] installed = new boolean[cbcs.length];
        for (ClassBytecodes c : cbcs) {
            loader.declare(c.name(), Instrumented.bytes(c));
        }
        int i = 0;
        try {
            for (ClassBytecodes c : cbcs) {
                Class<?> k = loader.loadClass(c.name());
                classes.put(c.name(), k);
                installed[i++] = true;
                k.getDeclaredMethods(); // links now, so a broken class fails here, not mid-cell
            }
        } catch (Throwable t) {
            throw new ClassInstallException("could not load " + cbcs[Math.min(i, cbcs.length - 1)].name() + ": " + t, installed);
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] cbcs) {
        // The JVM holds the new bytecode; nothing to keep here.
    }

    @Override
    public void addToClasspath(String path) throws InternalException {
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                loader.addURL(Path.of(entry).toUri().toURL());
            } catch (MalformedURLException | RuntimeException e) {
                throw new InternalException("cannot add " + entry + " to the class path: " + e.getMessage());
            }
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> k = classes.get(name);
        if (k == null) {
            throw new ClassNotFoundException(name + " not found");
        }
        return k;
    }
}
