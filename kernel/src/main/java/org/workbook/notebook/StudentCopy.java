package org.workbook.notebook;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The copy of a lesson notebook that students get: each solution region
 * replaced by {@code throw new UnsupportedOperationException("your code
 * here");} (see {@link SolutionRegions}), outputs cleared, and the nbgrader
 * metadata finished as {@code nbgrader generate_assignment} would: a checksum
 * and the cell type on every task and check cell, task cells undeletable,
 * check cells neither deletable nor editable.
 *
 * <pre>{@code
 * jshell> var student = StudentCopy.of(LessonReader.read(Path.of("lessons/01-how-a-net-works.md")), "01-how-a-net-works")
 * jshell> NotebookWriter.write(student, Path.of("build/student/01-how-a-net-works.ipynb"))
 * }</pre>
 */
public final class StudentCopy {
    private StudentCopy() {
    }

    /**
     * The student copy of {@code source}; {@code name} names the notebook in
     * errors. A solution region outside an nbgrader task cell is an error,
     * since nbgrader would not know the student's answer goes there.
     */
    public static Notebook of(Notebook source, String name) {
        Notebook nb = source.copy().clearOutputs();
        for (int i = 0; i < nb.cells().size(); i++) {
            Cell cell = nb.cells().get(i);
            if (cell.isCode() && SolutionRegions.mentions(cell.source())) {
                if (!Nbgrader.isSolution(cell)) {
                    throw new IllegalArgumentException(name + ": cell " + (i + 1) + " has a // BEGIN SOLUTION "
                            + "region but is no exercise cell (no nbgrader solution metadata); in its lesson, "
                            + "put <!-- exercise: NAME --> above it");
                }
                try {
                    cell.setSource(SolutionRegions.stub(cell.source()));
                } catch (SolutionRegions.Problem p) {
                    throw new IllegalArgumentException(name + ": cell " + (i + 1) + ", line " + (p.line + 1)
                            + ": " + p.getMessage(), p);
                }
            }
            if (Nbgrader.isSolution(cell) || Nbgrader.isGrade(cell) || Nbgrader.isLocked(cell)) {
                ObjectNode grader = (ObjectNode) cell.metadata().get("nbgrader");
                grader.remove("checksum");
                grader.put("checksum", Nbgrader.checksum(cell));
                grader.put("cell_type", cell.type().json());
                cell.metadata().put("deletable", false);
                if (!Nbgrader.isSolution(cell)) {
                    cell.metadata().put("editable", false);
                }
            }
        }
        return nb;
    }
}
