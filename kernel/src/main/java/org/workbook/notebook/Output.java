package org.workbook.notebook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One output of a code cell, as nbformat 4 stores it: {@code stream} text,
 * {@code display_data}, an {@code execute_result} or an {@code error}.
 * Immutable; text values are held joined (one string), and split into lines
 * only when written, as Jupyter does.
 *
 * <pre>{@code
 * jshell> Output.stdout("step=0; loss=2.40\n").text()
 * $1 ==> "step=0; loss=2.40\n"
 * jshell> Output.displayData(Map.of("text/plain", "tensor([1, 2])"), Map.of()).data()
 * $2 ==> {"text/plain":"tensor([1, 2])"}
 * }</pre>
 */
public final class Output {
    private final OutputType type;
    private final String name;
    private final String text;
    private final ObjectNode data;
    private final ObjectNode metadata;
    private final Integer executionCount;
    private final String ename;
    private final String evalue;
    private final List<String> traceback;

    private Output(OutputType type, String name, String text, ObjectNode data, ObjectNode metadata,
                   Integer executionCount, String ename, String evalue, List<String> traceback) {
        this.type = type;
        this.name = name;
        this.text = text;
        this.data = data;
        this.metadata = metadata;
        this.executionCount = executionCount;
        this.ename = ename;
        this.evalue = evalue;
        this.traceback = traceback;
    }

    /** Text written to a stream, {@code name} being "stdout" or "stderr". */
    public static Output stream(String name, String text) {
        return new Output(OutputType.STREAM, Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(text, "text"), null, null, null, null, null, null);
    }

    public static Output stdout(String text) {
        return stream("stdout", text);
    }

    public static Output stderr(String text) {
        return stream("stderr", text);
    }

    /** A displayed object: MIME type to content, and per-type metadata. */
    public static Output displayData(ObjectNode data, ObjectNode metadata) {
        return new Output(OutputType.DISPLAY_DATA, null, null, Json.copy(data), Json.copy(metadata),
                null, null, null, null);
    }

    /**
     * A displayed object from plain Java maps (the shape of
     * {@code org.workbook.display.MimeBundle}): JSON MIME types are parsed so
     * they are stored as JSON, images stay base64 text.
     */
    public static Output displayData(Map<String, String> data, Map<String, ?> metadata) {
        return displayData(bundle(data), Json.toObject(metadata));
    }

    /** The value of a cell's last expression, numbered like the cell's execution. */
    public static Output executeResult(Integer executionCount, ObjectNode data, ObjectNode metadata) {
        return new Output(OutputType.EXECUTE_RESULT, null, null, Json.copy(data), Json.copy(metadata),
                executionCount, null, null, null);
    }

    public static Output executeResult(Integer executionCount, Map<String, String> data,
                                       Map<String, ?> metadata) {
        return executeResult(executionCount, bundle(data), Json.toObject(metadata));
    }

    /** An exception: its class name, its message and the traceback lines. */
    public static Output error(String ename, String evalue, List<String> traceback) {
        return new Output(OutputType.ERROR, null, null, null, null, null,
                Objects.requireNonNull(ename, "ename"), Objects.requireNonNull(evalue, "evalue"),
                List.copyOf(traceback));
    }

    private static ObjectNode bundle(Map<String, String> data) {
        ObjectNode node = Json.object();
        data.forEach((mime, content) -> node.set(mime, Json.mimeValue(mime, content)));
        return node;
    }

    public OutputType type() {
        return type;
    }

    /** The stream name ("stdout", "stderr"), or null for other outputs. */
    public String name() {
        return name;
    }

    /** The stream text, or null for other outputs. */
    public String text() {
        return text;
    }

    /** A copy of the MIME bundle (display_data, execute_result), or null. */
    public ObjectNode data() {
        return data == null ? null : data.deepCopy();
    }

    /** A copy of the output metadata (display_data, execute_result), or null. */
    public ObjectNode metadata() {
        return metadata == null ? null : metadata.deepCopy();
    }

    /** The prompt number of an execute_result (may be null), or null. */
    public Integer executionCount() {
        return executionCount;
    }

    public String ename() {
        return ename;
    }

    public String evalue() {
        return evalue;
    }

    /** The traceback lines of an error, or null for other outputs. */
    public List<String> traceback() {
        return traceback;
    }

    /** This stream output with more text after it: consecutive writes share one output. */
    public Output append(String more) {
        if (type != OutputType.STREAM) {
            throw new IllegalStateException("only stream outputs have text to append to, not " + type.json());
        }
        return stream(name, text + more);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Output)) {
            return false;
        }
        Output other = (Output) o;
        return type == other.type && Objects.equals(name, other.name) && Objects.equals(text, other.text)
                && Objects.equals(data, other.data) && Objects.equals(metadata, other.metadata)
                && Objects.equals(executionCount, other.executionCount)
                && Objects.equals(ename, other.ename) && Objects.equals(evalue, other.evalue)
                && Objects.equals(traceback, other.traceback);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, name, text, data, metadata, executionCount, ename, evalue, traceback);
    }

    @Override
    public String toString() {
        switch (type) {
            case STREAM:
                return "Output[stream " + name + ": " + text.length() + " chars]";
            case ERROR:
                return "Output[error " + ename + ": " + evalue + "]";
            default:
                List<String> mimes = new java.util.ArrayList<>();
                data.fieldNames().forEachRemaining(mimes::add);
                return "Output[" + type.json() + " " + mimes + "]";
        }
    }
}
