package org.workbook.kernel.magic;

import java.util.ArrayList;
import java.util.List;

/**
 * A cell cut into what runs in turn: Java code and magic calls. A {@code %%name}
 * first line makes the whole cell one cell magic; a line starting with
 * {@code %name} is a line magic, run where it stands. Code keeps its place in
 * the cell (blank lines stand in for what came before) so errors name the
 * cell's own line numbers.
 *
 * <pre>{@code
 * jshell> CellPlan.parse("%time int x = 1;\nx + 1").steps()
 * $1 ==> [Magic[name=time, args=int x = 1;, line=1], Code[text=
 * x + 1]]
 * }</pre>
 */
public record CellPlan(String cellMagic, String cellMagicArgs, List<Step> steps) {
    public sealed interface Step permits Code, Magic { }

    /** Java code; {@code text} starts with as many newlines as lines precede it in the cell. */
    public record Code(String text) implements Step { }

    /** A line magic: {@code %name args} on cell line {@code line}. */
    public record Magic(String name, String args, int line) implements Step { }

    public static CellPlan parse(String cell) {
        String[] lines = cell.split("\n", -1);
        String cellMagic = null;
        String cellArgs = "";
        int first = 0;
        if (lines.length > 0 && lines[0].startsWith("%%")) {
            String[] nameArgs = nameAndArgs(lines[0].substring(2));
            cellMagic = nameArgs[0];
            cellArgs = nameArgs[1];
            first = 1;
        }
        List<Step> steps = new ArrayList<>();
        StringBuilder code = new StringBuilder("\n".repeat(first));
        boolean hasCode = false;
        for (int i = first; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("%") && !line.startsWith("%%")) {
                if (hasCode) {
                    steps.add(new Code(code.toString()));
                }
                String[] nameArgs = nameAndArgs(line.substring(1));
                steps.add(new Magic(nameArgs[0], nameArgs[1], i + 1));
                code = new StringBuilder("\n".repeat(i + 1));
                hasCode = false;
            } else {
                code.append(line);
                if (i < lines.length - 1) {
                    code.append('\n');
                }
                hasCode |= !line.isBlank();
            }
        }
        if (hasCode) {
            steps.add(new Code(code.toString()));
        }
        return new CellPlan(cellMagic, cellArgs, steps);
    }

    /** True when the cell holds nothing but Java (the common case, run as is). */
    public boolean isPlainJava() {
        return cellMagic == null && steps.stream().allMatch(s -> s instanceof Code);
    }

    private static String[] nameAndArgs(String s) {
        String t = s.strip();
        int sp = 0;
        while (sp < t.length() && !Character.isWhitespace(t.charAt(sp))) {
            sp++;
        }
        return new String[] {t.substring(0, sp), t.substring(sp).strip()};
    }
}
