package org.workbook.kernel.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The java.lang.instrument agent that lets the kernel redefine a cell's class in
 * place. The kernel jar's manifest names it as {@code Launcher-Agent-Class}, so
 * {@code java -jar kernel.jar} starts it before {@code main}. Where the JVM was
 * started otherwise (unit tests), {@link #instrumentation()} attaches it to the
 * running JVM, which needs {@code -Djdk.attach.allowAttachSelf=true}.
 */
public final class RedefineAgent {
    private static volatile Instrumentation instrumentation;
    private static volatile boolean attachTried;

    private RedefineAgent() { }

    public static void premain(String args, Instrumentation inst) {
        instrumentation = inst;
    }

    public static void agentmain(String args, Instrumentation inst) {
        instrumentation = inst;
    }

    /** The JVM's Instrumentation, or null when no agent could be loaded. */
    public static Instrumentation instrumentation() {
        if (instrumentation == null && !attachTried) {
            attachTried = true;
            selfAttach();
        }
        return instrumentation;
    }

    private static void selfAttach() {
        if (!Boolean.getBoolean("jdk.attach.allowAttachSelf")) {
            return;
        }
        try {
            Path jar = Files.createTempFile("workbook-agent", ".jar");
            jar.toFile().deleteOnExit();
            Manifest mf = new Manifest();
            Attributes a = mf.getMainAttributes();
            a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
            a.putValue("Agent-Class", RedefineAgent.class.getName());
            a.putValue("Can-Redefine-Classes", "true");
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, mf)) {
                j.flush();
            }
            // Reflection keeps jdk.attach optional: a JRE without it simply has no redefinition.
            Class<?> vmClass = Class.forName("com.sun.tools.attach.VirtualMachine");
            Object vm = vmClass.getMethod("attach", String.class).invoke(null, String.valueOf(ProcessHandle.current().pid()));
            try {
                vmClass.getMethod("loadAgent", String.class).invoke(vm, jar.toString());
            } finally {
                vmClass.getMethod("detach").invoke(vm);
            }
        } catch (IOException | ReflectiveOperationException | RuntimeException e) {
            instrumentation = null;
        }
    }
}
