package org.workbook.notebook;

import java.util.Arrays;
import java.util.Optional;

/** The three kinds of cell nbformat 4 knows, with their JSON spelling. */
public enum CellType {
    MARKDOWN("markdown"),
    CODE("code"),
    RAW("raw");

    private final String json;

    CellType(String json) {
        this.json = json;
    }

    /** The value of {@code cell_type} in the file. */
    public String json() {
        return json;
    }

    /** The type spelled {@code json} in a file, if it is one of the three. */
    public static Optional<CellType> of(String json) {
        return Arrays.stream(values()).filter(t -> t.json.equals(json)).findFirst();
    }
}
