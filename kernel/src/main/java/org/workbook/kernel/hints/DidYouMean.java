package org.workbook.kernel.hints;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Did you mean sum()?" for a method or field javac cannot find: the nearest public
 * members of the receiver's type by edit distance (or the names callable without a
 * receiver, at the top of a cell). Members of {@code Object} are never offered.
 */
public final class DidYouMean {
    private static final Pattern SYMBOL = Pattern.compile("(method|variable) (\\w+)(\\(.*\\))?");
    private static final Pattern OF_TYPE = Pattern.compile("(?:variable \\w+ of type|class|interface) ([\\w.$<>, ]+)");

    private DidYouMean() { }

    /** The hint for a "cannot find symbol" diagnostic, when a near name exists. */
    public static Optional<String> hint(CompileError e) {
        if (!e.code().startsWith("compiler.err.cant.resolve")) {
            return Optional.empty();
        }
        Matcher s = SYMBOL.matcher(e.detail("symbol"));
        if (!s.matches()) {
            return Optional.empty();
        }
        String name = s.group(2);
        String location = e.detail("location");
        List<String> candidates;
        Matcher t = OF_TYPE.matcher(location);
        if (t.matches()) {
            String type = t.group(1).replaceAll("<.*", "").strip();
            Class<?> c = e.session().load(type);
            if (c == null) {
                return Optional.empty();
            }
            candidates = members(c);
        } else if (location.equals("class") || location.isEmpty()) {
            candidates = e.session().topLevelNames();
        } else {
            return Optional.empty();
        }
        List<String> near = nearest(name, candidates);
        if (near.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("did you mean " + String.join(" or ", near) + "?");
    }

    /** Whether the class {@code type} has a public method {@code name} (e.g. {@code shape()} for {@code x.shape}). */
    static boolean hasPublicMethod(String type, String name, CompileError.Session session) {
        Class<?> c = type.isEmpty() ? null : session.load(type);
        return c != null && members(c).contains(name + "()");
    }

    /** Public members of {@code c} and its supertypes, without Object's: methods as "sum()", fields as "name". */
    static List<String> members(Class<?> c) {
        TreeSet<String> names = new TreeSet<>();
        for (Method m : c.getMethods()) {
            if (m.getDeclaringClass() != Object.class && !m.isSynthetic()) {
                names.add(m.getName() + "()");
            }
        }
        for (Field f : c.getFields()) {
            if (Modifier.isPublic(f.getModifiers())) {
                names.add(f.getName());
            }
        }
        return new ArrayList<>(names);
    }

    /**
     * The candidates closest to {@code name}: same name but for case first, else at most a third of it
     * mistyped. A candidate ending in "()" is a method and is compared without it.
     */
    static List<String> nearest(String name, List<String> candidates) {
        List<String> best = new ArrayList<>();
        int bestDistance = Math.max(1, name.length() / 3) + 1;
        for (String c : candidates) {
            String bare = c.endsWith("()") ? c.substring(0, c.length() - 2) : c;
            if (bare.equals(name)) {
                continue;
            }
            int d = bare.equalsIgnoreCase(name) ? 0 : distance(name.toLowerCase(Locale.ROOT), bare.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best.clear();
                bestDistance = d;
            }
            if (d == bestDistance && best.size() < 3 && !best.contains(c)) {
                best.add(c);
            }
        }
        return best;
    }

    /** Damerau-Levenshtein distance (optimal string alignment): a swap of two letters counts 1. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
