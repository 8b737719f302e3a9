package org.workbook.grading;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.workbook.JvmFlags;

/** A grading worker gets the project's JVM flags, and its --limit-modules list keeps the Vector API's module. */
class WorkerFlagsTest {
    @Test
    void theWorkerJvmGetsTheRequiredFlagsAndModule() {
        List<String> opts = SubmissionProcess.inheritedOptions();
        assertTrue(opts.containsAll(JvmFlags.REQUIRED), opts.toString());
        assertTrue(List.of(SubmissionProcess.MODULES.split(",")).contains(JvmFlags.VECTOR_MODULE),
            SubmissionProcess.MODULES);
    }
}
