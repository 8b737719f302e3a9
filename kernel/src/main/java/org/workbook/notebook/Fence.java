package org.workbook.notebook;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fences of a lesson: a line of three or more backticks and a cell kind
 * ({@code java}, {@code raw} or {@code markdown}) opens a cell; a line of the
 * same backticks closes it. A cell whose text holds a line of backticks gets
 * a longer fence, as CommonMark does, so any text fits inside one.
 */
final class Fence {
    private static final Pattern OPENER = Pattern.compile("(`{3,})(java|raw|markdown)\\s*");
    private static final Pattern TICKS = Pattern.compile("`{3,}");

    final String ticks;
    final CellType type;

    private Fence(String ticks, CellType type) {
        this.ticks = ticks;
        this.type = type;
    }

    /** The fence a line opens, if it opens one. */
    static Optional<Fence> opener(String line) {
        Matcher m = OPENER.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        CellType type = m.group(2).equals("java") ? CellType.CODE
                : m.group(2).equals("raw") ? CellType.RAW : CellType.MARKDOWN;
        return Optional.of(new Fence(m.group(1), type));
    }

    static boolean isOpener(String line) {
        return OPENER.matcher(line).matches();
    }

    /** Whether a line closes this fence (trailing spaces forgiven). */
    boolean closedBy(String line) {
        return line.stripTrailing().equals(ticks);
    }

    /** The info word after the backticks for a cell type. */
    static String info(CellType type) {
        return type == CellType.CODE ? "java" : type.json();
    }

    /** Backticks longer than any line of backticks in {@code source}, at least three. */
    static String ticksFor(String source) {
        int longest = 2;
        for (String line : source.split("\n", -1)) {
            String s = line.stripTrailing();
            if (TICKS.matcher(s).matches()) {
                longest = Math.max(longest, s.length());
            }
        }
        return "`".repeat(longest + 1);
    }
}
