package org.workbook.kernel;

import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import org.workbook.kernel.eval.Evaluator;
import org.workbook.kernel.protocol.BindFailed;
import org.workbook.kernel.protocol.KernelConnection;
import org.workbook.kernel.stop.Exits;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Starts the kernel: {@code java -jar workbook-kernel-all.jar CONNECTION_FILE},
 * as the kernelspec's argv does. Answers kernel_info at once; JShell warms up
 * in the background meanwhile.
 */
public final class KernelMain {
    private KernelMain() { }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -jar workbook-kernel-all.jar CONNECTION_FILE\n"
                    + "Jupyter passes the connection file; install the kernel with ./workbook install.");
            System.exit(2);
        }
        KernelConnectionProperties props = readConnectionFile(Path.of(args[0]));
        // The server's log: once attached, System.err is the running cell's output, so the kernel's own
        // last words (why it could not start, why it exits) go here, where Jupyter's log shows them.
        PrintStream log = System.err;
        KernelLogging.configure();
        Exits.refuse(true); // a cell's System.exit would end the notebook's kernel with no message
        CompletableFuture<Evaluator> evaluator = new CompletableFuture<>();
        WorkbookKernel kernel = new WorkbookKernel(evaluator);
        KernelConnection connection = new KernelConnection(props);
        kernel.attach(connection);
        try {
            connection.connect();
        } catch (BindFailed e) {
            // Exit at once: Jupyter restarts a kernel that dies within its first seconds on new ports.
            log.println("workbook kernel: " + e.getMessage());
            log.flush();
            Runtime.getRuntime().halt(1);
        } catch (RuntimeException | Error e) {
            log.println("workbook kernel: could not start its sockets:");
            e.printStackTrace(log);
            log.flush();
            Runtime.getRuntime().halt(1);
        }
        // JShell warms up once the sockets are bound: on a busy machine (a hub starting many kernels)
        // its start would otherwise delay the binding, and with it the report of a port taken.
        Thread warm = new Thread(() -> {
            try {
                evaluator.complete(Evaluator.create(Evaluator.Options.defaults()));
            } catch (Throwable t) {
                evaluator.completeExceptionally(t);
            }
        }, "workbook-jshell-start");
        warm.setDaemon(true);
        warm.start();
        ParentWatch.start(ParentWatch.parent(System.getenv(ParentWatch.ENV)), 1000, () -> {
            log.println("workbook kernel: the process that started it has ended; exiting");
            log.flush();
            System.exit(0);
        });
        connection.awaitShutdown();
        System.exit(0);
    }

    static KernelConnectionProperties readConnectionFile(Path file) {
        try {
            return KernelConnectionProperties.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("connection file " + file + " does not exist (Jupyter writes it when it starts a kernel)");
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read connection file " + file + ": " + e.getMessage(), e);
        }
    }
}
