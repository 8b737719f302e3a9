package org.workbook.kernel;

import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import org.workbook.kernel.eval.Evaluator;
import org.workbook.kernel.protocol.KernelConnection;
import org.workbook.kernel.stop.Exits;

import java.io.IOException;
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
        KernelLogging.configure();
        Exits.refuse(true); // a cell's System.exit would end the notebook's kernel with no message
        CompletableFuture<Evaluator> evaluator = new CompletableFuture<>();
        Thread warm = new Thread(() -> {
            try {
                evaluator.complete(Evaluator.create(Evaluator.Options.defaults()));
            } catch (Throwable t) {
                evaluator.completeExceptionally(t);
            }
        }, "workbook-jshell-start");
        warm.setDaemon(true);
        warm.start();

        WorkbookKernel kernel = new WorkbookKernel(evaluator);
        KernelConnection connection = new KernelConnection(props);
        kernel.attach(connection);
        connection.connect();
        ParentWatch.start(ParentWatch.parent(System.getenv(ParentWatch.ENV)), 1000, () -> {
            System.err.println("workbook kernel: the process that started it has ended; exiting");
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
