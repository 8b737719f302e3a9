package org.workbook.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * One line of the trail a grading worker leaves as it runs a submission (JSON,
 * one object a line, flushed at once): a cell started, a cell ended (with how),
 * the worker saw {@code System.exit} while a cell ran, the worker itself
 * failed or ran out of memory, a note for the report, the run was done.
 * Each travels signed over the verdict channel ({@link EventSigner}).
 */
record WorkerEvent(Kind kind, int cell, String status, String ename, String evalue, String stderr, long millis) {
    enum Kind { START, END, EXIT, CRASH, DONE, NOTE, OOM, FILE }

    private static final ObjectMapper JSON = new ObjectMapper();

    static WorkerEvent start(int cell) {
        return new WorkerEvent(Kind.START, cell, null, null, null, null, 0);
    }

    static WorkerEvent exit(int cell) {
        return new WorkerEvent(Kind.EXIT, cell, null, null, null, null, 0);
    }

    /** The worker itself failed (it ran out of memory outside a cell, say). */
    static WorkerEvent crash(int cell, Throwable t) {
        return new WorkerEvent(Kind.CRASH, cell, null, t.getClass().getSimpleName(), String.valueOf(t.getMessage()),
                null, 0);
    }

    /** The heap stayed full after collection after collection: the worker ends rather than crawl to the time limit. */
    static WorkerEvent outOfMemory(int cell) {
        return new WorkerEvent(Kind.OOM, cell, null, null, null, null, 0);
    }

    /** Something the grader should report (a check guard undid a redefinition, say). */
    static WorkerEvent note(int cell, String text) {
        return new WorkerEvent(Kind.NOTE, cell, null, "note", text, null, 0);
    }

    /** A piece of the executed notebook, base64 (the box has no folder the grader reads). */
    static WorkerEvent file(String base64) {
        return new WorkerEvent(Kind.FILE, -1, null, "file", base64, null, 0);
    }

    static WorkerEvent done() {
        return new WorkerEvent(Kind.DONE, -1, null, null, null, null, 0);
    }

    String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("event", kind.name().toLowerCase());
        n.put("cell", cell);
        if (status != null) {
            n.put("status", status);
        }
        if (ename != null) {
            n.put("ename", ename);
            n.put("evalue", evalue);
        }
        if (stderr != null && !stderr.isEmpty()) {
            n.put("stderr", stderr);
        }
        if (kind == Kind.END) {
            n.put("ms", millis);
        }
        return n.toString();
    }

    static WorkerEvent parse(String line) throws IOException {
        JsonNode n = JSON.readTree(line);
        Kind k = Kind.valueOf(n.path("event").asText("").toUpperCase());
        return new WorkerEvent(k, n.path("cell").asInt(-1), text(n, "status"), text(n, "ename"), text(n, "evalue"),
                text(n, "stderr"), n.path("ms").asLong(0));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
