package org.workbook.plot;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.Locale;

/**
 * Turns AWT's ways of failing without fonts (a NullPointerException deep in
 * {@code sun.awt.FontConfiguration}, "Fontconfig head is null", an
 * UnsatisfiedLinkError for {@code libfontmanager}) into one message that says
 * what to install. {@code scripts/fonts.sh} checks the same before the launcher
 * starts Java.
 */
final class Fonts {
    static final String HOW_TO_FIX = "Install fontconfig and a font, then run again: "
            + "Debian/Ubuntu: sudo apt-get install -y fontconfig fonts-dejavu-core; "
            + "conda: conda install -c conda-forge fontconfig fonts-conda-ecosystem. "
            + "(./workbook checks this for you: scripts/fonts.sh)";

    private Fonts() { }

    /** Loads a font and measures text, the first thing any chart does. */
    static void check() {
        try {
            new Font(Font.SANS_SERIF, Font.PLAIN, 12).getStringBounds("0.5", new FontRenderContext(null, true, true));
        } catch (RuntimeException | Error e) {
            throw missing(e);
        }
    }

    /** True when {@code e} (or a cause) comes from AWT failing to find or load fonts. */
    static boolean isFontProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("font")) {
                return true;
            }
            for (StackTraceElement f : t.getStackTrace()) {
                String c = f.getClassName();
                if (c.startsWith("sun.font.") || c.startsWith("sun.awt.FontConfiguration")
                        || c.startsWith("sun.awt.X11FontManager") || c.startsWith("sun.awt.FcFontManager")) {
                    return true;
                }
            }
        }
        return false;
    }

    static IllegalStateException missing(Throwable cause) {
        return new IllegalStateException("Drawing a figure needs fonts, and Java could not load any ("
                + cause + "). " + HOW_TO_FIX, cause);
    }
}
