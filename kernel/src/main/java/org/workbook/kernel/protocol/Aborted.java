package org.workbook.kernel.protocol;

import com.google.gson.JsonObject;

/** The content of an execute_reply for a request dropped after an earlier error. */
final class Aborted {
    static final JsonObject REPLY = new JsonObject();

    static {
        REPLY.addProperty("status", "aborted");
    }

    private Aborted() { }
}
