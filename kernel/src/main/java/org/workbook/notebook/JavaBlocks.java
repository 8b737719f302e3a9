package org.workbook.notebook;

/**
 * Brace depth of Java source, line by line, skipping braces inside comments,
 * strings, character literals and text blocks. Exercises use it to check that
 * a solution region can be replaced by a {@code throw} and still compile.
 *
 * <pre>{@code
 * jshell> var b = JavaBlocks.of("int f() {\n  return 1;\n}\n")
 * jshell> b.depthAtLine(1)
 * $2 ==> 1
 * }</pre>
 */
final class JavaBlocks {
    private enum State { CODE, LINE_COMMENT, BLOCK_COMMENT, STRING, CHAR, TEXT_BLOCK }

    private final String source;
    private final int[] lineStart;
    private final int[] depthAtLine;
    private final int[] minDepthInLine;
    private final State[] stateAtLine;

    private JavaBlocks(String source, int[] lineStart, int[] depthAtLine, int[] minDepthInLine,
                       State[] stateAtLine) {
        this.source = source;
        this.lineStart = lineStart;
        this.depthAtLine = depthAtLine;
        this.minDepthInLine = minDepthInLine;
        this.stateAtLine = stateAtLine;
    }

    static JavaBlocks of(String source) {
        String[] lines = source.split("\n", -1);
        int n = lines.length;
        int[] start = new int[n + 1];
        int[] depthAt = new int[n + 1];
        int[] minIn = new int[n + 1];
        State[] stateAt = new State[n + 1];
        State state = State.CODE;
        int depth = 0;
        int line = 0;
        stateAt[0] = state;
        minIn[0] = 0;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\n') {
                // Comments and (unterminated) literals of one line end with it; blocks go on.
                if (state == State.LINE_COMMENT || state == State.STRING || state == State.CHAR) {
                    state = State.CODE;
                }
                line++;
                start[line] = i + 1;
                depthAt[line] = depth;
                minIn[line] = depth;
                stateAt[line] = state;
                continue;
            }
            char next = i + 1 < source.length() ? source.charAt(i + 1) : '\0';
            switch (state) {
                case CODE:
                    if (c == '{') {
                        depth++;
                    } else if (c == '}') {
                        depth--;
                        minIn[line] = Math.min(minIn[line], depth);
                    } else if (c == '/' && next == '/') {
                        state = State.LINE_COMMENT;
                        i++;
                    } else if (c == '/' && next == '*') {
                        state = State.BLOCK_COMMENT;
                        i++;
                    } else if (source.startsWith("\"\"\"", i)) {
                        state = State.TEXT_BLOCK;
                        i += 2;
                    } else if (c == '"') {
                        state = State.STRING;
                    } else if (c == '\'') {
                        state = State.CHAR;
                    }
                    break;
                case BLOCK_COMMENT:
                    if (c == '*' && next == '/') {
                        state = State.CODE;
                        i++;
                    }
                    break;
                case STRING:
                case CHAR:
                    if (c == '\\' && next != '\n') {
                        i++;
                    } else if (c == (state == State.STRING ? '"' : '\'')) {
                        state = State.CODE;
                    }
                    break;
                case TEXT_BLOCK:
                    if (c == '\\' && next != '\n') {
                        i++;
                    } else if (source.startsWith("\"\"\"", i)) {
                        state = State.CODE;
                        i += 2;
                    }
                    break;
                default:
                    break;
            }
        }
        for (int l = line + 1; l <= n; l++) {
            start[l] = source.length();
            depthAt[l] = depth;
            minIn[l] = depth;
            stateAt[l] = state;
        }
        return new JavaBlocks(source, start, depthAt, minIn, stateAt);
    }

    /** Brace depth at the start of a 0-based line (the line count: depth at the end). */
    int depthAtLine(int line) {
        return depthAtLine[line];
    }

    /** The lowest depth reached anywhere on a line. */
    int minDepthInLine(int line) {
        return minDepthInLine[line];
    }

    /**
     * The first character of code from the start of a line on, skipping
     * white space and comments; {@code '\0'} at the end of the source.
     */
    char firstCodeCharFrom(int line) {
        if (stateAtLine[line] != State.CODE) {
            return '\0';
        }
        int i = lineStart[line];
        while (i < source.length()) {
            char c = source.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (source.startsWith("//", i)) {
                int nl = source.indexOf('\n', i);
                i = nl < 0 ? source.length() : nl + 1;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
            } else {
                return c;
            }
        }
        return '\0';
    }
}
