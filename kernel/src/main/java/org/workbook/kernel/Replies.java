package org.workbook.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.spencerpark.jupyter.channels.ReplyEnvironment;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageContext;
import io.github.spencerpark.jupyter.messages.MessageType;

/**
 * Replies the base library has no complete content class for (its kernel_info,
 * history, shutdown and interrupt replies lack the {@code status} field the
 * protocol requires), built as JSON.
 */
final class Replies {
    static final String PROTOCOL_VERSION = "5.3";

    private Replies() { }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static void send(ReplyEnvironment env, MessageContext request, MessageType<?> type, JsonObject content) {
        env.reply(new Message(request, type, content));
    }

    static JsonObject ok() {
        JsonObject o = new JsonObject();
        o.addProperty("status", "ok");
        return o;
    }

    static JsonObject kernelInfo(String version) {
        JsonObject lang = new JsonObject();
        lang.addProperty("name", "java");
        lang.addProperty("version", System.getProperty("java.version"));
        lang.addProperty("mimetype", "text/x-java-source");
        lang.addProperty("file_extension", ".jshell");
        lang.addProperty("pygments_lexer", "java");
        lang.addProperty("codemirror_mode", "java");
        lang.addProperty("nbconvert_exporter", "script");
        JsonObject o = ok();
        o.addProperty("protocol_version", PROTOCOL_VERSION);
        o.addProperty("implementation", "workbook-java");
        o.addProperty("implementation_version", version);
        o.add("language_info", lang);
        o.addProperty("banner", "Java " + System.getProperty("java.version")
                + " (workbook kernel " + version + "): JShell with the workbook library imported");
        JsonArray links = new JsonArray();
        JsonObject api = new JsonObject();
        api.addProperty("text", "Java SE 17 API");
        api.addProperty("url", "https://docs.oracle.com/en/java/javase/17/docs/api/");
        links.add(api);
        o.add("help_links", links);
        o.addProperty("debugger", false);
        return o;
    }

    static JsonObject history(JsonArray entries) {
        JsonObject o = ok();
        o.add("history", entries);
        return o;
    }

    static JsonObject shutdown(boolean restart) {
        JsonObject o = ok();
        o.addProperty("restart", restart);
        return o;
    }
}
