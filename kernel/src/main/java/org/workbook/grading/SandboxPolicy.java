package org.workbook.grading;

import java.io.FilePermission;
import java.nio.file.Path;
import java.security.Permission;

/**
 * The worker's last line inside the box, for the two things a box of files
 * and namespaces cannot stop: native code and new programs. A submission that
 * loads a native library it wrote into its private {@code /tmp} could read
 * the worker's memory (and so the verdict key), and a program it starts could
 * do the same from outside the JVM. This security manager refuses both,
 * and refuses being replaced; everything else is allowed, so cells behave as
 * in {@code ./workbook run}. Native libraries of the JDK itself still load.
 * Installed on Java 17 to 23 ({@code -Djava.security.manager=allow}); on a
 * JDK without security managers the worker runs without it, and the report's
 * threat model says what that leaves.
 */
final class SandboxPolicy extends SecurityManager {
    private final Path jdk = Path.of(System.getProperty("java.home")).toAbsolutePath().normalize();

    /** Installs the policy; null when done, else why not (this JDK has no security managers, say). */
    static String install() {
        try {
            System.setSecurityManager(new SandboxPolicy());
            return null;
        } catch (UnsupportedOperationException | SecurityException e) {
            return "this JDK has no security manager (" + e.getMessage() + ")";
        } catch (RuntimeException | Error e) {
            return "the security manager could not be installed (" + e + ")";
        }
    }

    @Override
    public void checkPermission(Permission p) {
        String name = p.getName();
        if (p instanceof RuntimePermission) {
            if (name.equals("setSecurityManager")) {
                throw new SecurityException("a submission may not replace the grader's security manager");
            }
            if (name.startsWith("loadLibrary.")) {
                String lib = name.substring("loadLibrary.".length());
                if (lib.contains("/") && !Path.of(lib).toAbsolutePath().normalize().startsWith(jdk)) {
                    throw new SecurityException("a submission may not load native code (" + lib + ") while graded");
                }
            }
        } else if (p instanceof FilePermission && p.getActions().contains("execute")) {
            throw new SecurityException("a submission may not start programs (" + name + ") while graded");
        }
    }

    @Override
    public void checkPermission(Permission p, Object context) {
        checkPermission(p);
    }
}
