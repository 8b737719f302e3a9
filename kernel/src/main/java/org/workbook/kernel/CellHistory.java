package org.workbook.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The inputs (and plain-text outputs) of this session's cells, answering
 * {@code history_request}: tail, range and search (glob patterns, as IPython).
 * Entries are {@code [session, line, input]} or {@code [session, line, [input, output]]}.
 */
final class CellHistory {
    static final int SESSION = 1;

    private record Entry(int line, String input, String output) { }

    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(int line, String input) {
        entries.add(new Entry(line, input, null));
    }

    /** Records the text/plain result of the cell numbered {@code line}. */
    synchronized void setOutput(int line, String output) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry e = entries.get(i);
            if (e.line() == line) {
                entries.set(i, new Entry(line, e.input(), output));
                return;
            }
        }
    }

    synchronized JsonArray tail(int n, boolean output) {
        int from = Math.max(0, entries.size() - Math.max(0, n));
        return toJson(entries.subList(from, entries.size()), output);
    }

    /** Lines {@code start <= line < stop} of a session; 0 (or this session's number) means this one. */
    synchronized JsonArray range(int session, int start, int stop, boolean output) {
        List<Entry> out = new ArrayList<>();
        if (session == 0 || session == SESSION) {
            for (Entry e : entries) {
                if (e.line() >= start && (stop <= 0 || e.line() < stop)) {
                    out.add(e);
                }
            }
        }
        return toJson(out, output);
    }

    /** The last {@code n} inputs matching a glob ({@code *}, {@code ?}); with unique, each input once. */
    synchronized JsonArray search(String glob, int n, boolean unique, boolean output) {
        Pattern p = Pattern.compile(globToRegex(glob == null || glob.isEmpty() ? "*" : glob), Pattern.DOTALL);
        List<Entry> hits = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = entries.size() - 1; i >= 0 && (n <= 0 || hits.size() < n); i--) {
            Entry e = entries.get(i);
            if (p.matcher(e.input()).matches() && (!unique || seen.add(e.input()))) {
                hits.add(0, e);
            }
        }
        return toJson(hits, output);
    }

    static String globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }

    private static JsonArray toJson(List<Entry> list, boolean output) {
        JsonArray a = new JsonArray();
        for (Entry e : list) {
            JsonArray row = new JsonArray();
            row.add(SESSION);
            row.add(e.line());
            if (output) {
                JsonArray io = new JsonArray();
                io.add(e.input());
                if (e.output() == null) {
                    io.add(JsonNull.INSTANCE);
                } else {
                    io.add(e.output());
                }
                row.add(io);
            } else {
                row.add(e.input());
            }
            a.add(row);
        }
        return a;
    }
}
