package org.workbook.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The solution regions of an exercise cell: the lines from
 * {@code // BEGIN SOLUTION} to {@code // END SOLUTION}. A student copy
 * replaces each region, markers included, by one line,
 * {@code throw new UnsupportedOperationException("your code here");}, indented
 * like the BEGIN line. So that the copy compiles, a region must hold whole
 * blocks (as many braces opened as closed), and a region inside a block must
 * end that block: code after a {@code throw} in the same block would be
 * unreachable, which javac rejects.
 *
 * <pre>{@code
 * jshell> SolutionRegions.stub("double half(double x) {\n    // BEGIN SOLUTION\n    return x / 2;\n    // END SOLUTION\n}")
 * $1 ==> "double half(double x) {\n    throw new UnsupportedOperationException(\"your code here\");\n}"
 * }</pre>
 */
final class SolutionRegions {
    static final String STUB = "throw new UnsupportedOperationException(\"your code here\");";
    private static final Pattern BEGIN = Pattern.compile("\\s*//\\s*BEGIN SOLUTION\\s*");
    private static final Pattern END = Pattern.compile("\\s*//\\s*END SOLUTION\\s*");

    /** One region: 0-based lines of its BEGIN and END markers. */
    static final class Region {
        final int begin;
        final int end;

        Region(int begin, int end) {
            this.begin = begin;
            this.end = end;
        }
    }

    /** A region that breaks the rules, at a 0-based line of the cell's source. */
    static final class Problem extends Exception {
        final int line;

        Problem(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    private SolutionRegions() {
    }

    /** Whether a source has any solution marker (well-formed or not). */
    static boolean mentions(String source) {
        for (String line : source.split("\n", -1)) {
            if (BEGIN.matcher(line).matches() || END.matcher(line).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The regions of a source, checked: paired markers, whole blocks, ending their block. */
    static List<Region> find(String source) throws Problem {
        String[] lines = source.split("\n", -1);
        List<Region> regions = new ArrayList<>();
        int open = -1;
        for (int i = 0; i < lines.length; i++) {
            if (BEGIN.matcher(lines[i]).matches()) {
                if (open >= 0) {
                    throw new Problem(i, "a second // BEGIN SOLUTION before the // END SOLUTION of the one "
                            + "on line " + (open + 1) + " of the cell; regions cannot nest");
                }
                open = i;
            } else if (END.matcher(lines[i]).matches()) {
                if (open < 0) {
                    throw new Problem(i, "// END SOLUTION without a // BEGIN SOLUTION above it");
                }
                regions.add(new Region(open, i));
                open = -1;
            }
        }
        if (open >= 0) {
            throw new Problem(open, "// BEGIN SOLUTION without a // END SOLUTION below it");
        }
        JavaBlocks blocks = JavaBlocks.of(source);
        for (Region r : regions) {
            check(r, blocks);
        }
        return regions;
    }

    private static void check(Region r, JavaBlocks blocks) throws Problem {
        int depth = blocks.depthAtLine(r.begin);
        for (int line = r.begin; line <= r.end; line++) {
            if (blocks.minDepthInLine(line) < depth) {
                throw new Problem(line, "the solution region closes a block it did not open; "
                        + "put // BEGIN SOLUTION and // END SOLUTION inside the same block");
            }
        }
        int after = blocks.depthAtLine(r.end + 1);
        if (after != depth) {
            throw new Problem(r.end, "the solution region opens " + (after - depth)
                    + " brace(s) it does not close; it must hold whole blocks");
        }
        if (depth > 0 && blocks.firstCodeCharFrom(r.end + 1) != '}') {
            throw new Problem(r.end, "code follows // END SOLUTION inside the same block, so the student "
                    + "copy (a throw in place of the region) would not compile: unreachable statement. "
                    + "End the region where its block ends, or move that code into it");
        }
    }

    /** The source with each region replaced by the indented {@link #STUB}. */
    static String stub(String source) throws Problem {
        List<Region> regions = find(source);
        if (regions.isEmpty()) {
            return source;
        }
        String[] lines = source.split("\n", -1);
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (Region r : regions) {
            for (int i = next; i < r.begin; i++) {
                out.append(lines[i]).append('\n');
            }
            String indent = lines[r.begin].substring(0, lines[r.begin].indexOf('/'));
            out.append(indent).append(STUB).append('\n');
            next = r.end + 1;
        }
        for (int i = next; i < lines.length; i++) {
            out.append(lines[i]).append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }
}
