package org.workbook.runner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The runner's command line, parsed; see {@link #USAGE}. */
public record RunnerOptions(List<String> inputs, Path root, Path out, Duration cellTimeout, Duration total,
                            boolean allowErrors, String device, Map<String, String> params, boolean help) {
    public static final String USAGE = String.join("\n",
            "usage: ./workbook run [OPTIONS] [NOTEBOOK.ipynb | LESSON.md | DIR | LESSON-NAME]...",
            "Executes each notebook (no argument: every lessons/*.md) in a fresh Java evaluator and writes",
            "the executed notebook to build/executed/NAME.ipynb. Exit status: 0 all passed, 1 a notebook",
            "failed or timed out, 2 bad usage or an unreadable notebook.",
            "  --out DIR             where executed notebooks go (default ROOT/build/executed)",
            "  --cell-timeout SECS   stop a cell after this long (default 600; 90s, 10m, 1h also work)",
            "  --timeout SECS        stop the whole run after this long (default: no limit)",
            "  --allow-errors        run every cell even after one fails; such notebooks still pass",
            "  --device DEV          where lessons compute (pins Device.best()): cpu, cuda, cuda:N or best",
            "  -p, --param NAME=VAL  set a top-level variable, e.g. -p EPOCHS=1 (VAL is Java source)",
            "  --root DIR            the project (default $WB_ROOT, else the current folder)",
            "Cells tagged skip-execution are skipped; cells tagged raises-exception may fail.");

    public static RunnerOptions parse(String... args) throws UsageException {
        List<String> inputs = new ArrayList<>();
        String env = System.getenv("WB_ROOT");
        Path root = Path.of(env != null && !env.isEmpty() ? env : ".");
        Path out = null;
        Duration cell = ExecutionLimits.DEFAULT_CELL_TIMEOUT;
        Duration total = null;
        boolean allowErrors = false;
        boolean help = false;
        String device = null;
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> help = true;
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--root" -> root = Path.of(value(args, ++i, a));
                case "--cell-timeout" -> cell = duration(value(args, ++i, a), a);
                case "--timeout" -> total = duration(value(args, ++i, a), a);
                case "--allow-errors" -> allowErrors = true;
                case "--device" -> device = value(args, ++i, a);
                case "-p", "--param" -> {
                    String p = value(args, ++i, a);
                    int eq = p.indexOf('=');
                    if (eq <= 0 || !p.substring(0, eq).matches("[A-Za-z_$][\\w$]*")) {
                        throw new UsageException(a + " takes NAME=VALUE with a Java variable name, like -p EPOCHS=1; got '"
                                + p + "'");
                    }
                    params.put(p.substring(0, eq), p.substring(eq + 1));
                }
                default -> {
                    if (a.startsWith("-") && a.length() > 1) {
                        throw new UsageException("unknown option '" + a + "' (./workbook run --help lists them)");
                    }
                    inputs.add(a);
                }
            }
        }
        return new RunnerOptions(inputs, root, out != null ? out : root.resolve("build").resolve("executed"), cell,
                total, allowErrors, device, params, help);
    }

    static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    /** "90", "90s", "1.5m", "2h" as a duration; it must be positive. */
    public static Duration duration(String text, String option) throws UsageException {
        String t = text.trim().toLowerCase();
        double unit = 1;
        if (t.endsWith("ms")) {
            unit = 0.001;
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s") || t.endsWith("m") || t.endsWith("h")) {
            unit = switch (t.charAt(t.length() - 1)) {
                case 'm' -> 60;
                case 'h' -> 3600;
                default -> 1;
            };
            t = t.substring(0, t.length() - 1);
        }
        try {
            double secs = Double.parseDouble(t) * unit;
            if (secs > 0 && secs < 1e9) {
                return Duration.ofMillis(Math.round(secs * 1000));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " takes a positive number of seconds (or 90s, 10m, 1h), not '" + text + "'");
    }
}
