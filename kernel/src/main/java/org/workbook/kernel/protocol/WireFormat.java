package org.workbook.kernel.protocol;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import io.github.spencerpark.jupyter.kernel.ExpressionValue;
import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.messages.Header;
import io.github.spencerpark.jupyter.messages.KernelTimestamp;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.ReplyType;
import io.github.spencerpark.jupyter.messages.adapters.ExpressionValueAdapter;
import io.github.spencerpark.jupyter.messages.adapters.HeaderAdapter;
import io.github.spencerpark.jupyter.messages.adapters.HistoryEntryAdapter;
import io.github.spencerpark.jupyter.messages.adapters.HistoryRequestAdapter;
import io.github.spencerpark.jupyter.messages.adapters.KernelTimestampAdapter;
import io.github.spencerpark.jupyter.messages.adapters.MessageTypeAdapter;
import io.github.spencerpark.jupyter.messages.adapters.PublishStatusAdapter;
import io.github.spencerpark.jupyter.messages.adapters.ReplyTypeAdapter;
import io.github.spencerpark.jupyter.messages.publish.PublishStatus;
import io.github.spencerpark.jupyter.messages.reply.ErrorReply;
import io.github.spencerpark.jupyter.messages.request.HistoryRequest;
import org.zeromq.ZMQ;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads one Jupyter wire message from a ZeroMQ socket and checks its signature
 * before anything in it is parsed. Mirrors the decoding of the base kernel
 * library's {@code JupyterSocket.readMessage}, which compares signatures with
 * {@code String.equals} and throws out of its poll loop on a bad one (killing
 * the channel's thread).
 */
final class WireFormat {
    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);

    private static final Gson REPLY_GSON = new GsonBuilder()
            .registerTypeAdapter(HistoryEntry.class, HistoryEntryAdapter.INSTANCE)
            .registerTypeAdapter(ExpressionValue.class, ExpressionValueAdapter.INSTANCE)
            .create();
    static final Gson GSON = new GsonBuilder()
            .registerTypeAdapter(KernelTimestamp.class, KernelTimestampAdapter.INSTANCE)
            .registerTypeAdapter(Header.class, HeaderAdapter.INSTANCE)
            .registerTypeAdapter(MessageType.class, MessageTypeAdapter.INSTANCE)
            .registerTypeAdapter(PublishStatus.class, PublishStatusAdapter.INSTANCE)
            .registerTypeAdapter(HistoryRequest.class, HistoryRequestAdapter.INSTANCE)
            .registerTypeHierarchyAdapter(ReplyType.class, new ReplyTypeAdapter(REPLY_GSON))
            .create();
    private static final Type MAP = new TypeToken<Map<String, Object>>() { }.getType();

    /** Why a message was refused: the caller logs it and drops the message. */
    static final class Rejected extends Exception {
        Rejected(String why) {
            super(why);
        }
    }

    private WireFormat() { }

    /**
     * Receives all frames of the next message (blocking), verifies the HMAC over
     * header, parent header, metadata and content, and only then decodes them.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Message<?> read(ZMQ.Socket socket, Signer signer) throws Rejected {
        List<byte[]> identities = new ArrayList<>();
        byte[] frame = socket.recv();
        while (frame != null && !Arrays.equals(DELIMITER, frame)) {
            identities.add(frame);
            frame = socket.hasReceiveMore() ? socket.recv() : null;
        }
        if (frame == null) {
            throw new Rejected("no <IDS|MSG> delimiter");
        }
        List<byte[]> parts = new ArrayList<>();
        while (socket.hasReceiveMore()) {
            parts.add(socket.recv());
        }
        if (parts.size() < 5) {
            throw new Rejected("only " + parts.size() + " frames after the delimiter, 5 needed");
        }
        String signature = new String(parts.get(0), StandardCharsets.US_ASCII);
        byte[] header = parts.get(1);
        byte[] parent = parts.get(2);
        byte[] metadata = parts.get(3);
        byte[] content = parts.get(4);
        if (!Signatures.matches(signer.sign(header, parent, metadata, content), signature)) {
            throw new Rejected("invalid signature");
        }
        try {
            return decode(identities, parts, header, parent, metadata, content);
        } catch (RuntimeException e) {
            // Signed by a client that holds the key, yet not a message: say why, never die of it.
            throw new Rejected("malformed message (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Message<?> decode(List<byte[]> identities, List<byte[]> parts, byte[] header, byte[] parent,
                                     byte[] metadata, byte[] content) throws Rejected {
        Header<?> h = GSON.fromJson(new String(header, StandardCharsets.UTF_8), Header.class);
        if (h == null || h.getType() == null) {
            throw new Rejected("malformed message (no header or no msg_type)");
        }
        Header<?> ph = null;
        JsonElement pj = JsonParser.parseString(new String(parent, StandardCharsets.UTF_8));
        if (pj.isJsonObject() && pj.getAsJsonObject().size() > 0) {
            ph = GSON.fromJson(pj, Header.class);
        }
        Map<String, Object> md = GSON.fromJson(new String(metadata, StandardCharsets.UTF_8), MAP);
        Object body = GSON.fromJson(new String(content, StandardCharsets.UTF_8), h.getType().getContentType());
        if (body instanceof ErrorReply) {
            h = new Header<>(h.getId(), h.getUsername(), h.getSessionId(), h.getTimestamp(), h.getType().error(), h.getVersion());
        }
        List<byte[]> blobs = new ArrayList<>(parts.subList(5, parts.size()));
        return new Message(identities, h, ph, md, body, blobs);
    }

    /** The raw message type name, for logs about messages nobody handles. */
    static String typeName(Message<?> m) {
        return m.getHeader().getType().getName();
    }
}
