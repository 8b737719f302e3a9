package org.workbook.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.workbook.notebook.Cell;
import org.workbook.notebook.Nbgrader;
import org.workbook.notebook.Notebook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The graded cells of a notebook: code cells tagged {@code check} (or marked
 * an nbgrader grade cell), each worth its nbgrader {@code points}. With the
 * assignment's own notebook ({@code --source}), the checks are the source's:
 * their code replaces the submission's, as nbgrader's autograder restores
 * locked cells, so an edited check cannot pass by being emptied.
 */
public final class CheckCells {
    public static final String TAG = "check";

    /** One check: its cell (index in the notebook), name, points, and why it cannot be trusted (or null). */
    public record Check(int cell, String id, double points, String problem) { }

    private CheckCells() {
    }

    static boolean isCheck(Cell c) {
        return c.isCode() && (c.hasTag(TAG) || c.metadata().path("nbgrader").path("grade").asBoolean(false));
    }

    /** The checks of {@code nb}, in order; an edited check (nbgrader checksum differs) carries a problem. */
    public static List<Check> find(Notebook nb) {
        List<Check> out = new ArrayList<>();
        for (int i = 0; i < nb.cells().size(); i++) {
            Cell c = nb.cells().get(i);
            if (!isCheck(c)) {
                continue;
            }
            JsonNode grader = c.metadata().path("nbgrader");
            String id = grader.path("grade_id").asText("cell-" + (i + 1));
            String problem = null;
            JsonNode points = grader.get("points");
            if (points == null || !points.isNumber()) {
                problem = "the check cell has no points (nbgrader metadata 'points'); it counts for nothing";
            }
            JsonNode sum = grader.get("checksum");
            if (sum != null && grader.has("grade_id") && !sum.asText().equals(Nbgrader.checksum(c))) {
                problem = "the check cell was changed after it was handed out (its nbgrader checksum differs); "
                        + "grade with --source ASSIGNMENT to run the original check";
            }
            out.add(new Check(i, id, points != null && points.isNumber() ? points.asDouble() : 0, problem));
        }
        return out;
    }

    /**
     * Puts the source's check cells into {@code submission} (matched by name)
     * and returns the checks to grade: the source's, in its order. A check the
     * submission lacks has cell -1.
     */
    public static List<Check> useSource(Notebook submission, Notebook source) {
        Map<String, Cell> byId = new LinkedHashMap<>();
        Map<String, Check> sourceChecks = new LinkedHashMap<>();
        for (Check k : find(source)) {
            byId.put(k.id(), source.cells().get(k.cell()));
            sourceChecks.put(k.id(), k);
        }
        Map<String, Integer> placed = new LinkedHashMap<>();
        for (int i = 0; i < submission.cells().size(); i++) {
            Cell c = submission.cells().get(i);
            String id = c.isCode() ? c.metadata().path("nbgrader").path("grade_id").asText(null) : null;
            if (id != null && byId.containsKey(id) && !placed.containsKey(id)) {
                Cell original = byId.get(id);
                c.setSource(original.source());
                c.setMetadata((ObjectNode) original.metadata().deepCopy());
                placed.put(id, i);
            } else if (isCheck(c)) {
                // A check the assignment does not have: run it as an ordinary cell, worth nothing.
                c.metadata().remove("nbgrader");
                c.metadata().remove("tags");
            }
        }
        List<Check> out = new ArrayList<>();
        for (Check k : sourceChecks.values()) {
            Integer at = placed.get(k.id());
            out.add(new Check(at == null ? -1 : at, k.id(), k.points(), at == null
                    ? "the check cell is missing from the submission (was it deleted?)" : k.problem()));
        }
        return out;
    }
}
