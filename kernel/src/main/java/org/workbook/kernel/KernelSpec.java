package org.workbook.kernel;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.workbook.JvmFlags;

/**
 * Writes the kernelspec folder that {@code jupyter kernelspec install} copies:
 * {@code kernel.json} and this jar, which the spec runs from its own folder
 * ({@code {resource_dir}}), so moving or rebuilding the project later does
 * not break installed kernels.
 *
 * <pre>
 * java -cp workbook-kernel-all.jar org.workbook.kernel.KernelSpec DIR [--heap 4g] [--jvm-arg ARG]...
 * </pre>
 */
public final class KernelSpec {
    public static final String NAME = "java-workbook";
    public static final String DISPLAY_NAME = "Java (workbook)";
    static final String JAR = "workbook-kernel.jar";

    private KernelSpec() { }

    public static void main(String[] args) throws IOException, URISyntaxException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: KernelSpec DIR [--heap SIZE] [--jvm-arg ARG]...");
        }
        Path dir = Path.of(args[0]);
        List<String> jvmArgs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("--heap") || a.equals("--jvm-arg")) && i + 1 < args.length) {
                jvmArgs.add(a.equals("--heap") ? "-Xmx" + args[++i] : args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option " + a + " (use --heap SIZE or --jvm-arg ARG)");
            }
        }
        Path jar = Path.of(KernelSpec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("run KernelSpec from the kernel's jar (found " + jar + "); build it with ./workbook build");
        }
        write(dir, jar, jvmArgs);
        System.out.println(dir.resolve("kernel.json"));
    }

    /** Writes DIR/kernel.json and copies {@code jar} to DIR/workbook-kernel.jar. */
    static void write(Path dir, Path jar, List<String> jvmArgs) throws IOException {
        Files.createDirectories(dir);
        Files.copy(jar, dir.resolve(JAR), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("kernel.json"), json(javaExecutable(), jvmArgs), StandardCharsets.UTF_8);
    }

    static String json(String java, List<String> jvmArgs) {
        JsonArray argv = new JsonArray();
        argv.add(java);
        argv.add("-Djava.awt.headless=true");
        argv.add("-Dfile.encoding=UTF-8");
        // The Vector API and native access: a jar's manifest cannot add a module, so they go here.
        JvmFlags.REQUIRED.forEach(argv::add);
        jvmArgs.forEach(argv::add);
        argv.add("-jar");
        argv.add("{resource_dir}/" + JAR);
        argv.add("{connection_file}");
        JsonObject spec = new JsonObject();
        spec.add("argv", argv);
        spec.addProperty("display_name", DISPLAY_NAME);
        spec.addProperty("language", "java");
        spec.addProperty("interrupt_mode", "message");
        spec.add("env", new JsonObject());
        JsonObject meta = new JsonObject();
        meta.addProperty("debugger", false);
        spec.add("metadata", meta);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(spec) + "\n";
    }

    /** The java that runs this, so the kernel uses the same JDK as the install. */
    static String javaExecutable() {
        Path java = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
        return Files.isExecutable(java) ? java.toString() : "java";
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    }
}
