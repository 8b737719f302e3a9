package org.workbook.notebook;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line for notebook files, behind {@code ./workbook notebooks},
 * {@code ./workbook sync} and {@code ./workbook student}:
 * <pre>
 *   build   [--check|--format] [--lessons DIR] [--out DIR] [LESSON...]   lessons/*.md to notebooks/*.ipynb
 *   sync    [--lesson FILE] NOTEBOOK...                         a notebook edited in Jupyter back to its lesson
 *   student [--out DIR] [LESSON|NOTEBOOK...]                    student copies, solutions removed, to build/student/
 * </pre>
 * Files are found from the project root: {@code --root DIR}, else
 * {@code $WB_ROOT}, else the current folder. Exit status: 0 done, 1 notebooks
 * out of date ({@code build --check}), 2 bad input (the message says which
 * file, where, and what to do).
 */
public final class NotebookCli {
    static final int OK = 0;
    static final int OUT_OF_DATE = 1;
    static final int BAD_INPUT = 2;

    private final PrintStream out;
    private final PrintStream err;
    private Path root;
    private Path lessonsDir;
    private Path outDir;
    private Path lesson;
    private boolean check;
    private boolean format;
    private final List<Path> files = new ArrayList<>();

    NotebookCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new NotebookCli(System.out, System.err).run(args));
    }

    /** Runs one command; returns the exit status. */
    int run(String... args) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            usage(args.length == 0 ? err : out);
            return args.length == 0 ? BAD_INPUT : OK;
        }
        String command = args[0];
        try {
            parseOptions(args);
            LessonFolders folders = new LessonFolders(lessonsDir != null ? lessonsDir : root.resolve("lessons"),
                    root.resolve("notebooks"));
            switch (command) {
                case "build":
                    return new BuildCommand(folders, out, err).run(files, outDir, check, format);
                case "sync":
                    return new SyncCommand(folders, out, err).run(files, lesson);
                case "student":
                    return new StudentCommand(folders, out, err)
                            .run(files, outDir != null ? outDir : root.resolve("build").resolve("student"));
                default:
                    err.println("unknown command '" + command + "'");
                    usage(err);
                    return BAD_INPUT;
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return BAD_INPUT;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return BAD_INPUT;
        }
    }

    private void parseOptions(String[] args) {
        String env = System.getenv("WB_ROOT");
        root = Path.of(env != null && !env.isEmpty() ? env : ".");
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--root": root = Path.of(value(args, ++i, a)); break;
                case "--lessons": lessonsDir = Path.of(value(args, ++i, a)); break;
                case "--out": outDir = Path.of(value(args, ++i, a)); break;
                case "--lesson": lesson = Path.of(value(args, ++i, a)); break;
                case "--check": check = true; break;
                case "--format": format = true; break;
                default:
                    if (a.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option '" + a + "' (run with --help)");
                    }
                    files.add(Path.of(a));
            }
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static void usage(PrintStream s) {
        s.println("usage: NotebookCli COMMAND [OPTIONS] [FILES...]");
        s.println("  build   [--check] [--lessons DIR] [--out DIR] [LESSON...]  build notebooks/*.ipynb from lessons/*.md");
        s.println("          --check: only report out-of-date notebooks (exit 1 if any)");
        s.println("          --format: first rewrite the lessons the way sync writes them");
        s.println("  sync    [--lesson FILE] NOTEBOOK...   write notebooks edited in Jupyter back to their lessons");
        s.println("  student [--out DIR] [LESSON|NOTEBOOK...]  student copies (solutions removed), default build/student/");
        s.println("options: --root DIR (project root; default $WB_ROOT or .)");
    }

    /** A path as the user would like to read it: relative to the current folder when inside it. */
    static String show(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs).toString() : p.toString();
    }

    static boolean isNotebook(Path p) {
        return p.getFileName().toString().endsWith(".ipynb");
    }

    static void requireFile(Path p) throws IOException {
        if (!Files.isRegularFile(p)) {
            throw new java.nio.file.NoSuchFileException(show(p) + " (no such file)");
        }
    }
}
