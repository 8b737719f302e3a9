package org.workbook.grading;

import org.workbook.data.MnistFiles;
import org.workbook.data.MnistSample;

import java.nio.file.Path;

/**
 * The data folder the lessons read (MNIST), which a boxed worker sees read
 * only. What lessons would derive from it on first use (the MNIST sample's
 * PNG folders) is built here, by the grader, before any box exists, since a
 * box cannot write there.
 */
final class GradeData {
    private GradeData() {
    }

    /** The data folder, or null when this machine has none (lessons that need it then fail as they would anyway). */
    static Path prepare(Sandbox sandbox) {
        Path root;
        try {
            root = MnistFiles.dataRoot();
        } catch (RuntimeException e) {
            return null;
        }
        if (sandbox.mode() != Sandbox.Mode.NONE) {
            try {
                MnistSample.path();
            } catch (RuntimeException e) {
                // no usable MNIST: a lesson that needs the sample reports it in its own cell
            }
        }
        return root;
    }
}
