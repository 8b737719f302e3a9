package org.workbook.kernel;

import java.util.Optional;

/**
 * Ends the kernel when the process that started it is gone, as ipykernel does:
 * Jupyter servers count on it ("the kernels will shutdown themselves when this
 * process no longer exists"), and a JupyterHub that stops a student's server
 * does not always give it time to shut its kernels down, which left each
 * student's JVM running, orphaned, holding its memory.
 *
 * <p>The parent is {@code JPY_PARENT_PID}, which jupyter_client sets, else the
 * process's parent at start. A daemon thread checks once a second.
 */
final class ParentWatch {
    static final String ENV = "JPY_PARENT_PID";

    private ParentWatch() { }

    /** The process to watch: JPY_PARENT_PID when it names a live process, else this one's parent (never init). */
    static Optional<ProcessHandle> parent(String env) {
        if (env != null && !env.isBlank()) {
            try {
                return ProcessHandle.of(Long.parseLong(env.trim())).filter(p -> p.pid() > 1);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return ProcessHandle.current().parent().filter(p -> p.pid() > 1);
    }

    /** Runs {@code onGone} once the parent has ended; a no-op without a parent to watch. */
    static Optional<Thread> start(Optional<ProcessHandle> parent, long periodMillis, Runnable onGone) {
        if (parent.isEmpty()) {
            return Optional.empty();
        }
        ProcessHandle p = parent.get();
        Thread t = new Thread(() -> {
            try {
                while (p.isAlive()) {
                    Thread.sleep(periodMillis);
                }
                onGone.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "workbook-parent-watch");
        t.setDaemon(true);
        t.start();
        return Optional.of(t);
    }
}
