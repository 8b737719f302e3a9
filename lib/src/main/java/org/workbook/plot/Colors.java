package org.workbook.plot;

import java.awt.Color;
import java.util.Locale;
import java.util.Map;

/**
 * Colours named the way matplotlib names them, so {@code "r"} in the Python course
 * stays {@code "r"} here.
 *
 * <pre>{@code
 * jshell> Colors.parse("r")
 * $1 ==> java.awt.Color[r=255,g=0,b=0]
 * jshell> Colors.parse("C1")            // matplotlib's second cycle colour, orange
 * $2 ==> java.awt.Color[r=255,g=127,b=14]
 * }</pre>
 */
public final class Colors {
    /** matplotlib's default colour cycle ("tab10"): C0, C1, ... C9. */
    static final Color[] CYCLE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf),
    };

    private static final Map<String, Integer> NAMES = Map.ofEntries(
            // matplotlib's one-letter "base colors"
            Map.entry("b", 0x0000ff), Map.entry("g", 0x008000), Map.entry("r", 0xff0000),
            Map.entry("c", 0x00bfbf), Map.entry("m", 0xbf00bf), Map.entry("y", 0xbfbf00),
            Map.entry("k", 0x000000), Map.entry("w", 0xffffff),
            // the CSS names people reach for first
            Map.entry("blue", 0x0000ff), Map.entry("green", 0x008000), Map.entry("red", 0xff0000),
            Map.entry("cyan", 0x00ffff), Map.entry("magenta", 0xff00ff), Map.entry("yellow", 0xffff00),
            Map.entry("black", 0x000000), Map.entry("white", 0xffffff), Map.entry("orange", 0xffa500),
            Map.entry("purple", 0x800080), Map.entry("brown", 0xa52a2a), Map.entry("pink", 0xffc0cb),
            Map.entry("gray", 0x808080), Map.entry("grey", 0x808080), Map.entry("navy", 0x000080),
            Map.entry("teal", 0x008080), Map.entry("olive", 0x808000), Map.entry("lime", 0x00ff00),
            Map.entry("darkgreen", 0x006400), Map.entry("darkblue", 0x00008b), Map.entry("darkred", 0x8b0000),
            Map.entry("lightgray", 0xd3d3d3), Map.entry("lightgrey", 0xd3d3d3), Map.entry("gold", 0xffd700),
            // matplotlib's "tab:" names for the cycle
            Map.entry("tab:blue", 0x1f77b4), Map.entry("tab:orange", 0xff7f0e), Map.entry("tab:green", 0x2ca02c),
            Map.entry("tab:red", 0xd62728), Map.entry("tab:purple", 0x9467bd), Map.entry("tab:brown", 0x8c564b),
            Map.entry("tab:pink", 0xe377c2), Map.entry("tab:gray", 0x7f7f7f), Map.entry("tab:olive", 0xbcbd22),
            Map.entry("tab:cyan", 0x17becf));

    private Colors() { }

    /**
     * The colour called {@code name}: a matplotlib letter ({@code "r"}), a name
     * ({@code "red"}, {@code "tab:orange"}), a cycle colour ({@code "C0"}..{@code "C9"})
     * or hex ({@code "#ff8800"}).
     *
     * @throws IllegalArgumentException naming the forms that work
     */
    public static Color parse(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a colour name is missing: use e.g. \"red\", \"r\", \"C0\" or \"#ff0000\"");
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        Integer rgb = NAMES.get(n);
        if (rgb != null) {
            return new Color(rgb);
        }
        if (n.matches("c[0-9]")) {
            return CYCLE[n.charAt(1) - '0'];
        }
        if (n.matches("#[0-9a-f]{6}")) {
            return new Color(Integer.parseInt(n.substring(1), 16));
        }
        if (n.matches("#[0-9a-f]{3}")) {
            int r = Character.digit(n.charAt(1), 16) * 17;
            int g = Character.digit(n.charAt(2), 16) * 17;
            int b = Character.digit(n.charAt(3), 16) * 17;
            return new Color(r, g, b);
        }
        throw new IllegalArgumentException("unknown colour '" + name + "': use a name like \"red\" or \"tab:orange\", "
                + "a matplotlib letter (b g r c m y k w), a cycle colour \"C0\"..\"C9\", or hex \"#rrggbb\"");
    }

    /** The {@code i}-th colour of the default cycle, wrapping around like matplotlib's. */
    public static Color cycle(int i) {
        return CYCLE[Math.floorMod(i, CYCLE.length)];
    }
}
