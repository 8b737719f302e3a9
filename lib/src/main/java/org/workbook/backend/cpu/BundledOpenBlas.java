package org.workbook.backend.cpu;

import java.util.Map;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * OpenBLAS as shipped in {@code org.bytedeco:openblas}: JavaCPP unpacks the natives of
 * this platform from the class path into its cache ({@code ~/.javacpp/cache}, else
 * {@code java.io.tmpdir}; property {@code org.bytedeco.javacpp.cachedir}) and loads them,
 * OpenBLAS's own threads included. Only the BLAS part ({@code openblas_nolapack}) is loaded.
 */
final class BundledOpenBlas {
    /** The loaded library: the file of libopenblas itself, JavaCPP's platform name, OpenBLAS's version. */
    record Loaded(String libraryPath, String platform, String version) { }

    private BundledOpenBlas() { }

    /** Loads the natives; throws with the reason when they cannot be. */
    static Loaded load() {
        String platform;
        try {
            platform = Loader.getPlatform();
        } catch (LinkageError e) {
            throw new IllegalStateException("org.bytedeco:javacpp is not on the class path (" + e + ")");
        }
        String natives = "/org/bytedeco/openblas/" + platform + "/";
        if (BundledOpenBlas.class.getResource(natives + System.mapLibraryName("jniopenblas_nolapack")) == null) {
            throw new IllegalStateException("the class path has no OpenBLAS natives for " + platform
                + " (org.bytedeco:openblas:" + platform + "; build with -Djavacpp.platform=" + platform
                + ", see README)");
        }
        try {
            Loader.load(openblas_nolapack.class);
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("JavaCPP could not load it: " + e, e);
        }
        String lib = null;
        for (Map.Entry<String, String> e : Loader.getLoadedLibraries().entrySet()) {
            if (e.getKey().startsWith("openblas_nolapack")) {
                lib = e.getValue();
            }
        }
        return new Loaded(lib, platform, openblas_nolapack.OPENBLAS_VERSION.strip().replace("OpenBLAS ", ""));
    }

    /** As openblas_set_num_threads: OpenBLAS's threads for every later call, from any thread. */
    static void setThreads(int n) {
        openblas_nolapack.blas_set_num_threads(n);
    }

    static int threads() {
        return openblas_nolapack.blas_get_num_threads();
    }
}
