package org.workbook.grading;

import org.workbook.notebook.LessonFolders;
import org.workbook.notebook.LessonReader;
import org.workbook.notebook.Notebook;
import org.workbook.notebook.NotebookReader;
import org.workbook.notebook.NotebookWriter;
import org.workbook.runner.UsageException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * {@code ./workbook grade}: scores submissions by running each in a JVM of
 * its own ({@link GradeWorker}) and reading the trail it leaves, so no
 * submission can hang, crash or exit the grader. Writes a JSON report and,
 * if asked, JUnit XML; prints a table. See {@link GradeOptions#USAGE}.
 *
 * <pre>
 * $ ./workbook grade submissions/*.ipynb --source lessons/02-sgd.md --junit build/grades.xml
 * submission  score  status
 * alice       5/5    graded
 * bob         2/5    graded: mse-check failed: expected 2.0 (within 2.0e-4) but got 3.5
 * </pre>
 */
public final class GradeMain {
    static final int GRADED = 0;
    static final int FAILED = 1;
    static final int BAD_USAGE = 2;

    private final PrintStream out;
    private final PrintStream err;

    GradeMain(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new GradeMain(System.out, System.err).run(args));
    }

    int run(String... args) {
        if (args.length > 0 && args[0].equals("merge")) {
            return GradeMerge.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        GradeOptions opts;
        Notebook source = null;
        Sandbox sandbox;
        try {
            opts = GradeOptions.parse(args);
            if (opts.help()) {
                out.println(GradeOptions.USAGE);
                return GRADED;
            }
            if (opts.source() != null) {
                source = loadSource(opts.source());
            }
            writable(opts.report());
            if (opts.junit() != null) {
                writable(opts.junit());
            }
            sandbox = opts.noSandbox() ? Sandbox.none() : Sandbox.bubblewrap();
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            return BAD_USAGE;
        }
        List<SubmissionGrade> grades;
        try {
            grades = gradeAll(opts, source, sandbox);
        } catch (IOException | InterruptedException e) {
            err.println("error: grading stopped: " + e.getMessage());
            return FAILED;
        }
        printTable(grades);
        try {
            JsonReport.write(grades, opts.report());
            out.println("report: " + opts.report());
            if (opts.junit() != null) {
                JunitReport.write(grades, opts.junit());
                out.println("junit:  " + opts.junit());
            }
        } catch (IOException e) {
            err.println("error: could not write the report: " + e.getMessage());
            return FAILED;
        }
        return GRADED;
    }

    private List<SubmissionGrade> gradeAll(GradeOptions opts, Notebook source, Sandbox sandbox)
            throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("workbook-grade-");
        ExecutorService pool = Executors.newFixedThreadPool(opts.jobs());
        // Made while the first workers start their JVMs; each worker reads it before its first cell.
        java.util.concurrent.CompletableFuture<GuardPlan> plan = source == null ? null
                : java.util.concurrent.CompletableFuture.supplyAsync(() -> GuardPlan.of(source));
        Path data = GradeData.prepare(sandbox);
        List<Path> inputs = new ArrayList<>(opts.submissions());
        if (opts.source() != null) {
            inputs.add(opts.source());
        }
        java.util.Set<Path> taken = SubmissionFiles.newTaken();
        try {
            List<Future<SubmissionGrade>> futures = new ArrayList<>();
            List<Path> mine = Shards.select(opts.submissions(), opts.shard(), opts.shards());
            List<String> names = names(mine);
            for (int i = 0; i < mine.size(); i++) {
                Path file = mine.get(i);
                String name = names.get(i);
                Path dir = work.resolve(String.valueOf(i));
                Notebook src = source == null ? null : source.copy();
                Job job = new Job(file, name, src, plan, dir, sandbox, data, inputs, taken);
                futures.add(pool.submit(() -> gradeSafely(job, opts)));
            }
            List<SubmissionGrade> grades = new ArrayList<>();
            for (Future<SubmissionGrade> f : futures) {
                try {
                    grades.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException(e.getCause().getMessage(), e.getCause());
                }
            }
            return grades;
        } finally {
            pool.shutdownNow();
            deleteTree(work);
        }
    }

    /** One submission and what grading it needs. */
    private record Job(Path file, String name, Notebook source, Future<GuardPlan> plan, Path dir, Sandbox sandbox, Path data,
                       List<Path> inputs, java.util.Set<Path> taken) { }

    /** A failure of the grader itself on one submission costs that submission its grade, never the batch's. */
    private SubmissionGrade gradeSafely(Job job, GradeOptions opts) throws InterruptedException {
        try {
            return gradeOne(job, opts);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception | LinkageError | OutOfMemoryError e) {
            return new SubmissionGrade(job.file().toString(), job.name(), "crashed", "the grader failed on this "
                    + "submission: " + e, List.of(), List.of(), 0).boxed(job.sandbox().mode().json,
                    job.source() == null ? "submission" : "source");
        }
    }

    /** Grades one submission; a broken one gets a zero with the reason, never an exception. */
    private SubmissionGrade gradeOne(Job job, GradeOptions opts) throws IOException, InterruptedException {
        Path file = job.file();
        String from = job.source() == null ? "submission" : "source";
        Notebook nb;
        try {
            nb = SubmissionFiles.read(file);
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException ? file + ": no such file" : e.getMessage();
            List<CheckGrade> zeros = new ArrayList<>();
            if (job.source() != null) {
                for (CheckCells.Check k : CheckCells.find(job.source())) {
                    zeros.add(new CheckGrade(k.id(), 0, CheckGrade.Status.ERROR, 0, k.points(), "not a notebook"));
                }
            }
            return new SubmissionGrade(file.toString(), job.name(), "invalid", "not a notebook: " + why, zeros,
                    List.of(), 0).boxed(job.sandbox().mode().json, from);
        }
        List<CheckCells.Check> checks = job.source() == null ? CheckCells.find(nb)
                : CheckCells.useSource(nb, job.source());
        Path dir = job.dir();
        Files.createDirectories(dir);
        NotebookWriter.write(nb, dir.resolve("submission.ipynb"));
        SubmissionProcess.Outcome o = SubmissionProcess.run(job.sandbox(), dir, opts.executed() != null,
                job.plan(), opts, job.data());
        SubmissionGrade g = Scorer.score(file.toString(), job.name(), nb, checks, o.events(), o.end());
        List<String> notes = new ArrayList<>(g.notes());
        if (job.source() == null) {
            notes.add(0, "unverified: the checks, their code and points came from the submission's own cells and "
                    + "metadata, which the grader cannot verify; grade with --source ASSIGNMENT");
        }
        if (opts.executed() != null && g.status().equals("graded")) {   // only a run that ended sends it whole
            String[] why = new String[1];
            Path kept = SubmissionFiles.keepExecuted(dir.resolve("executed.ipynb"), opts.executed(), job.name(),
                    job.inputs(), job.taken(), why);
            if (kept == null && why[0] != null && g.status().equals("graded")) {
                notes.add(why[0]);
            }
        }
        return new SubmissionGrade(g.file(), g.name(), g.status(), g.reason(), g.checks(), notes, g.seconds())
                .boxed(job.sandbox().mode().json, from);
    }

    /** Each submission's name: its file name, or its path where two files share a name (alice/hw, bob/hw). */
    static List<String> names(List<Path> files) {
        java.util.Map<String, Integer> uses = new java.util.HashMap<>();
        files.forEach(f -> uses.merge(LessonFolders.stem(f), 1, Integer::sum));
        return files.stream().map(f -> uses.get(LessonFolders.stem(f)) > 1
                ? f.toString().replaceAll("\\.ipynb$", "") : LessonFolders.stem(f)).toList();
    }

    private static Notebook loadSource(Path file) throws UsageException {
        try {
            Notebook nb = file.toString().endsWith(".md") ? LessonReader.read(file) : NotebookReader.read(file);
            if (CheckCells.find(nb).isEmpty()) {
                throw new UsageException("--source " + file + " has no check cells (cells tagged 'check' with "
                        + "points), so there is nothing to grade against");
            }
            return nb;
        } catch (NoSuchFileException e) {
            throw new UsageException("--source " + file + ": no such file", e);
        } catch (IOException e) {
            throw new UsageException("--source: " + e.getMessage(), e);
        }
    }

    private static void writable(Path report) throws UsageException {
        Path dir = report.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UsageException("cannot write the report " + report + ": cannot create " + dir + " ("
                    + e.getMessage() + ")", e);
        }
        if (!Files.isWritable(dir) || Files.isDirectory(report)) {
            throw new UsageException("cannot write the report " + report + ": "
                    + (Files.isDirectory(report) ? "it is a folder" : dir + " is not writable"));
        }
    }

    private void printTable(List<SubmissionGrade> grades) {
        int w = "submission".length();
        for (SubmissionGrade g : grades) {
            w = Math.max(w, g.name().length());
        }
        String fmt = "%-" + w + "s  %9s  %s%n";
        out.printf(fmt, "submission", "score", "status");
        for (SubmissionGrade g : grades) {
            String score = SubmissionGrade.points(g.score()) + "/" + SubmissionGrade.points(g.maxScore());
            String first = g.status().equals("invalid") ? "" : g.checks().stream()
                    .filter(c -> c.status() != CheckGrade.Status.PASSED)
                    .map(c -> c.id() + " " + c.status().json() + (c.reason().isEmpty() ? "" : ": " + c.reason()))
                    .findFirst().orElse("");
            String status = g.status() + (g.reason().isEmpty() ? "" : ": " + g.reason())
                    + (first.isEmpty() ? "" : "; " + first);
            out.printf(fmt, printable(g.name()), score, printable(status));
        }
    }

    /** Control characters (an ESC in a file name, say) shown as '?', so a name cannot drive the terminal. */
    static String printable(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
