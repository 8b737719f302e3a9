package org.workbook.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One notebook cell (nbformat 4.5): its type, id, metadata and source; code
 * cells also hold outputs and an execution count. Mutable, like nbformat's own
 * NotebookNode, so a runner can fill in outputs as cells execute. The source
 * is held as one string; it is split into lines only when written.
 *
 * <pre>{@code
 * jshell> var c = Cell.code("check(mse(a, b), 2.0);").addTag("check")
 * jshell> c.tags()
 * $2 ==> [check]
 * jshell> c.metadata()
 * $3 ==> {"tags":["check"]}
 * }</pre>
 */
public final class Cell {
    private final CellType type;
    private String id;
    private ObjectNode metadata = Json.object();
    private String source;
    private final List<Output> outputs = new ArrayList<>();
    private Integer executionCount;
    private ObjectNode attachments;

    public Cell(CellType type, String source) {
        this.type = Objects.requireNonNull(type, "type");
        this.source = Objects.requireNonNull(source, "source");
    }

    public static Cell code(String source) {
        return new Cell(CellType.CODE, source);
    }

    public static Cell markdown(String source) {
        return new Cell(CellType.MARKDOWN, source);
    }

    public static Cell raw(String source) {
        return new Cell(CellType.RAW, source);
    }

    public CellType type() {
        return type;
    }

    public boolean isCode() {
        return type == CellType.CODE;
    }

    /** The nbformat 4.5 cell id, or null until one is assigned (see {@link CellIds}). */
    public String id() {
        return id;
    }

    public Cell setId(String id) {
        this.id = id;
        return this;
    }

    /** The cell's metadata, live: changes to it change the cell. */
    public ObjectNode metadata() {
        return metadata;
    }

    public Cell setMetadata(ObjectNode metadata) {
        this.metadata = metadata == null ? Json.object() : metadata;
        return this;
    }

    public String source() {
        return source;
    }

    public Cell setSource(String source) {
        this.source = Objects.requireNonNull(source, "source");
        return this;
    }

    /** The outputs of a code cell, live (always empty for other cells). */
    public List<Output> outputs() {
        return outputs;
    }

    public Integer executionCount() {
        return executionCount;
    }

    public Cell setExecutionCount(Integer executionCount) {
        if (executionCount != null && executionCount < 0) {
            throw new IllegalArgumentException("execution_count must be >= 0, got " + executionCount);
        }
        this.executionCount = executionCount;
        return this;
    }

    /** Forgets the outputs and the execution count, as "Clear All Outputs" does. */
    public Cell clearOutputs() {
        outputs.clear();
        executionCount = null;
        return this;
    }

    /** Markdown/raw attachments (file name to MIME bundle), or null when there are none. */
    public ObjectNode attachments() {
        return attachments;
    }

    public Cell setAttachments(ObjectNode attachments) {
        this.attachments = attachments;
        return this;
    }

    /** The cell's tags ({@code metadata.tags}), in order; empty when it has none. */
    public List<String> tags() {
        List<String> tags = new ArrayList<>();
        JsonNode node = metadata.get("tags");
        if (node != null && node.isArray()) {
            node.forEach(t -> tags.add(t.asText()));
        }
        return tags;
    }

    public boolean hasTag(String tag) {
        return tags().contains(tag);
    }

    /** Adds a tag unless the cell has it already. */
    public Cell addTag(String tag) {
        if (!hasTag(tag)) {
            JsonNode node = metadata.get("tags");
            ArrayNode tags = node != null && node.isArray() ? (ArrayNode) node : metadata.putArray("tags");
            tags.add(tag);
        }
        return this;
    }

    /** The slide type a slideshow gives the cell ({@code metadata.slideshow.slide_type}). */
    public Optional<String> slideType() {
        JsonNode t = metadata.path("slideshow").path("slide_type");
        return t.isTextual() ? Optional.of(t.asText()) : Optional.empty();
    }

    /** A deep copy: metadata, outputs and attachments are not shared. */
    public Cell copy() {
        Cell c = new Cell(type, source).setId(id).setMetadata(metadata.deepCopy())
                .setExecutionCount(executionCount)
                .setAttachments(attachments == null ? null : attachments.deepCopy());
        c.outputs.addAll(outputs);
        return c;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Cell)) {
            return false;
        }
        Cell other = (Cell) o;
        return type == other.type && Objects.equals(id, other.id) && metadata.equals(other.metadata)
                && source.equals(other.source) && outputs.equals(other.outputs)
                && Objects.equals(executionCount, other.executionCount)
                && Objects.equals(attachments, other.attachments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, id, metadata, source, outputs, executionCount, attachments);
    }

    @Override
    public String toString() {
        String head = source.lines().findFirst().orElse("");
        return "Cell[" + type.json() + " " + id + ": " + (head.length() > 40 ? head.substring(0, 40) + "…" : head) + "]";
    }
}
