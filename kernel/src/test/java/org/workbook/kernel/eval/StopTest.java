package org.workbook.kernel.eval;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stop button against what students write: each cell below must end
 * within a second of the interrupt on every supported JDK (17 with
 * Thread.stop, 20+ without it), keep the cell's variables, and leave no
 * thread behind. The bound is generous for a loaded two-core machine; the
 * measured latency is printed.
 */
class StopTest {
    static Evaluator ev;

    @BeforeAll
    static void start() throws Exception {
        ev = Evaluator.create(Evaluator.Options.defaults());
        ev.eval("int kept = 41;", "In [t]");
    }

    @AfterAll
    static void close() {
        ev.close();
    }

    /** Runs {@code cell}, interrupts it after {@code afterMs}, and returns the seconds the stop took. */
    static double stopAfter(String cell, long afterMs) throws Exception {
        CompletableFuture<CellException> f = CompletableFuture.supplyAsync(() -> {
            try {
                ev.eval(cell, "In [t]");
                return null;
            } catch (CellException e) {
                return e;
            }
        });
        Thread.sleep(afterMs);
        long t0 = System.nanoTime();
        boolean ended = ev.interrupt();
        CellException e = f.get(5, TimeUnit.SECONDS);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("stop latency %.3f s (Java %s): %s%n", s, Runtime.version().feature(),
                cell.length() > 60 ? cell.substring(0, 60) + "..." : cell);
        assertTrue(ended, "the thread did not end: " + cell + " (the cell gave "
            + (e == null ? "no error" : e.kind() + " " + e.ename() + ": " + e.evalue()) + ")");
        assertTrue(e != null && e.kind() == CellException.Kind.INTERRUPTED && e.ename().equals("Interrupted"),
                "not reported as interrupted: " + (e == null ? "it ended by itself" : e.ename() + " " + e.evalue()));
        assertEquals(42, ev.eval("kept + 1", "In [t]").value());
        return s;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "while (true) { }",
        "long n = 0; while (true) { n++; }",
        "while (true) { try { while (true) { } } catch (Throwable t) { } }",
        "while (true) { try { Thread.sleep(1_000); } catch (Throwable t) { } }",
        "try { while (true) { } } finally { while (true) { } }",
        "class Busy { void go() { for (;;) { } } }\nnew Busy().go();",
        "java.util.stream.Stream.iterate(0, i -> i + 1).forEach(i -> { });",
        "Thread.sleep(600_000);",
        "Object lock = new Object(); synchronized (lock) { lock.wait(); }",
        "new java.util.concurrent.CountDownLatch(1).await();",
        "var t = zeros(100_000); while (true) { t = t.add(1).mul(0.5); }",
        "var big = randn(4_000_000); while (true) { big.sum(); }",
        "var mm = randn(1500, 1500); while (true) { mm.matmul(mm); }",
        // Epoch after epoch: one pass over 2M batches can end within the 400 ms on a quiet machine.
        "var x = randn(2_000_000); var dl = new DataLoader<>(new TensorDataset(x, x), 1, false); "
            + "while (true) { for (var b : dl) { } }",
    })
    void eachStopsWithinASecondAndKeepsVariables(String cell) throws Exception {
        double s = stopAfter(cell, 400);
        assertTrue(s < 1.0, "took " + s + " s");
    }

    static double javaThreadsCpu() {
        var bean = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : bean.getAllThreadIds()) {
            sum += Math.max(0, bean.getThreadCpuTime(id));
        }
        return sum / 1e9;
    }

    @Test
    void deepRecursionThatCatchesEverythingStopsToo() throws Exception {
        // Each of up to a million frames catches the stop and gets it again at its handler: it
        // ends, but unwinding may take longer than the runner waits, and then the reply says so.
        CompletableFuture<CellException> f = CompletableFuture.supplyAsync(() -> {
            try {
                ev.eval("int spin(int d) { try { return spin(d + 1); } catch (Throwable t) { return spin(0); } }\nspin(0);", "In [t]");
                return null;
            } catch (CellException e) {
                return e;
            }
        });
        Thread.sleep(400);
        long t0 = System.nanoTime();
        boolean ended = ev.interrupt();
        CellException e = f.get(5, TimeUnit.SECONDS);
        assertEquals(ended ? "Interrupted" : "NotStopped", e.ename(), e.evalue());
        while (!ev.runner().stillRunning().isEmpty() && System.nanoTime() - t0 < 20e9) {
            Thread.sleep(50);
        }
        System.out.printf("deep recursion ended %.3f s after the interrupt (Java %s)%n",
                (System.nanoTime() - t0) / 1e9, Runtime.version().feature());
        assertTrue(ev.runner().stillRunning().isEmpty(), "the recursion never ended");
        assertEquals(42, ev.eval("kept + 1", "In [t]").value());
    }

    @Test
    void aCellOfFiftyThousandStatementsStopsBetweenTwo() throws Exception {
        String cell = "int s0 = 0;\n" + "s0 += 1;\n".repeat(50_000);
        double s = stopAfter(cell, 1_500);
        assertTrue(s < 1.0, "took " + s + " s");
    }

    @Test
    void afterStopsNoThreadIsLeftAndTheIdleKernelUsesNoCpu() throws Exception {
        for (int i = 0; i < 3; i++) {
            stopAfter("while (true) { try { } catch (Throwable t) { } }", 200);
        }
        assertTrue(ev.runner().stillRunning().isEmpty(), ev.runner().stillRunning().toString());
        Thread.sleep(200);
        assertTrue(ev.runner().threads().activeCount() <= 1, "cell threads alive: " + ev.runner().threads().activeCount());
        // Java threads only: the JIT's compiler threads may still be busy with what ran before.
        double cpu0 = javaThreadsCpu();
        Thread.sleep(1_000);
        double used = javaThreadsCpu() - cpu0;
        assertTrue(used < 0.3, "the Java threads used " + used + " s of CPU in 1 s");
    }
}
