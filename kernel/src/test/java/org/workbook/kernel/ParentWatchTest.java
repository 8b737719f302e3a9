package org.workbook.kernel;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParentWatchTest {
    @Test
    void runsOnceTheWatchedProcessEnds() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        CountDownLatch gone = new CountDownLatch(1);
        Thread t = ParentWatch.start(Optional.of(sleeper.toHandle()), 50, gone::countDown).orElseThrow();
        assertFalse(gone.await(300, TimeUnit.MILLISECONDS), "ran while the process was alive");
        sleeper.destroyForcibly().waitFor();
        assertTrue(gone.await(10, TimeUnit.SECONDS), "did not run after the process ended");
        t.join(5000);
        assertFalse(t.isAlive());
    }

    @Test
    void theParentIsJpyParentPidWhenSetElseTheRealParent() {
        long me = ProcessHandle.current().pid();
        assertEquals(me, ParentWatch.parent(Long.toString(me)).orElseThrow().pid());
        assertEquals(ProcessHandle.current().parent().map(ProcessHandle::pid),
                ParentWatch.parent(null).map(ProcessHandle::pid));
        assertTrue(ParentWatch.parent("not-a-pid").isEmpty());
        assertTrue(ParentWatch.parent("1").isEmpty(), "init is never watched");
    }

    @Test
    void withoutAParentThereIsNothingToWatch() {
        assertTrue(ParentWatch.start(Optional.empty(), 50, () -> { }).isEmpty());
    }
}
