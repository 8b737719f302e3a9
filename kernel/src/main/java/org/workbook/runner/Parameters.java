package org.workbook.runner;

import org.workbook.notebook.Cell;
import org.workbook.notebook.Notebook;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives a notebook other values for its top-level variables, as papermill does
 * for Python: {@code -p EPOCHS=1} finds the cell that declares {@code EPOCHS}
 * ({@code int EPOCHS = 5;} at the start of a line) and inserts right after it
 * a cell tagged {@code injected-parameters} holding {@code int EPOCHS = 1;}.
 * The value is Java source ({@code 1}, {@code 0.5}, {@code "cpu"}); the
 * original cell stays as it was, so the executed notebook shows both.
 */
public final class Parameters {
    public static final String TAG = "injected-parameters";

    private Parameters() {
    }

    /** Applies {@code NAME -> VALUE} in order; a name no cell declares is a usage error. */
    public static void apply(Notebook nb, Map<String, String> values, String file) throws UsageException {
        for (Map.Entry<String, String> e : values.entrySet()) {
            inject(nb, e.getKey(), e.getValue(), file);
        }
    }

    /** A device written as on the command line ({@code cuda}, {@code cpu}, {@code cuda:1}) becomes Device.parse(...). */
    static String javaValue(String type, String value) {
        boolean device = type.equals("Device") || type.endsWith(".Device");
        if (device && value.trim().matches("(?i)cpu|cuda|gpu|best|cuda:\\d+")) {
            return "Device.parse(\"" + value.trim() + "\")";
        }
        return value;
    }

    private static void inject(Notebook nb, String name, String value, String file) throws UsageException {
        Pattern decl = Pattern.compile("^(?:final\\s+)?([A-Za-z_][\\w.]*(?:<[^=;]*>)?(?:\\[\\])*)\\s+"
                + Pattern.quote(name) + "\\s*=", Pattern.MULTILINE);
        for (int i = 0; i < nb.cells().size(); i++) {
            Cell c = nb.cells().get(i);
            if (!c.isCode() || c.hasTag(TAG)) {
                continue;
            }
            Matcher m = decl.matcher(c.source());
            if (m.find() && !m.group(1).equals("return")) {
                Cell injected = Cell.code(m.group(1) + " " + name + " = " + javaValue(m.group(1), value) + ";")
                        .addTag(TAG);
                injected.metadata().put("comment", "set by the runner's -p " + name + "=...; the cell above "
                        + "declares the default");
                nb.cells().add(i + 1, injected);
                return;
            }
        }
        throw new UsageException(file + ": no code cell declares " + name + " at the start of a line (like `int "
                + name + " = 5;`), so -p " + name + "=" + value + " has nothing to replace");
    }
}
