package org.workbook.notebook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Jupyter notebook in nbformat 4.5: notebook metadata and a list of cells.
 * Read one with {@link NotebookReader}, write one with {@link NotebookWriter}
 * (Jupyter's own layout, so diffs stay small).
 *
 * <pre>{@code
 * jshell> var nb = Notebook.forWorkbookKernel()
 * jshell> nb.cells().add(Cell.code("var x = 1 + 1;"))
 * jshell> NotebookWriter.write(nb, Path.of("build/hello.ipynb"))
 * }</pre>
 */
public final class Notebook {
    /** The kernel every workbook notebook names (see the kernel's kernel.json). */
    public static final String KERNEL_NAME = "java-workbook";
    public static final String KERNEL_DISPLAY_NAME = "Java (workbook)";

    private ObjectNode metadata;
    private final List<Cell> cells = new ArrayList<>();

    public Notebook() {
        this(Json.object());
    }

    public Notebook(ObjectNode metadata) {
        this.metadata = metadata == null ? Json.object() : metadata;
    }

    /** An empty notebook whose metadata picks the workbook's Java kernel. */
    public static Notebook forWorkbookKernel() {
        Notebook nb = new Notebook();
        nb.useWorkbookKernel();
        return nb;
    }

    /**
     * Sets {@code kernelspec} and {@code language_info} to the workbook's Java
     * kernel, so Jupyter starts the right kernel and highlights Java.
     */
    public Notebook useWorkbookKernel() {
        ObjectNode spec = metadata.putObject("kernelspec");
        spec.put("display_name", KERNEL_DISPLAY_NAME);
        spec.put("language", "java");
        spec.put("name", KERNEL_NAME);
        ObjectNode lang = metadata.putObject("language_info");
        lang.put("codemirror_mode", "java");
        lang.put("file_extension", ".jshell");
        lang.put("mimetype", "text/x-java-source");
        lang.put("name", "java");
        lang.put("pygments_lexer", "java");
        return this;
    }

    /** Notebook-level metadata, live. */
    public ObjectNode metadata() {
        return metadata;
    }

    public Notebook setMetadata(ObjectNode metadata) {
        this.metadata = metadata == null ? Json.object() : metadata;
        return this;
    }

    /** The cells, live: add, remove and reorder freely. */
    public List<Cell> cells() {
        return cells;
    }

    /** nbformat major version written to files: always 4. */
    public int nbformat() {
        return 4;
    }

    /** nbformat minor version written to files: always 5 (cell ids). */
    public int nbformatMinor() {
        return 5;
    }

    /** Clears every code cell's outputs and execution count. */
    public Notebook clearOutputs() {
        cells.forEach(Cell::clearOutputs);
        return this;
    }

    /** A deep copy. */
    public Notebook copy() {
        Notebook nb = new Notebook(metadata.deepCopy());
        cells.forEach(c -> nb.cells.add(c.copy()));
        return nb;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Notebook && metadata.equals(((Notebook) o).metadata)
                && cells.equals(((Notebook) o).cells);
    }

    @Override
    public int hashCode() {
        return Objects.hash(metadata, cells);
    }

    @Override
    public String toString() {
        return "Notebook[" + cells.size() + " cells]";
    }
}
