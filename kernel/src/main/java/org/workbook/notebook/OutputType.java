package org.workbook.notebook;

import java.util.Arrays;
import java.util.Optional;

/** The four kinds of output a code cell stores, with their JSON spelling. */
public enum OutputType {
    STREAM("stream"),
    DISPLAY_DATA("display_data"),
    EXECUTE_RESULT("execute_result"),
    ERROR("error");

    private final String json;

    OutputType(String json) {
        this.json = json;
    }

    /** The value of {@code output_type} in the file. */
    public String json() {
        return json;
    }

    /** The type spelled {@code json} in a file, if it is one of the four. */
    public static Optional<OutputType> of(String json) {
        return Arrays.stream(values()).filter(t -> t.json.equals(json)).findFirst();
    }
}
