package org.workbook.kernel.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Javadoc of library methods for Shift-Tab: the first paragraph and the jshell example,
 * read from the library's sources, which its jar carries under {@code META-INF/workbook-src/}
 * (JShell itself finds Javadoc only in the JDK's src.zip).
 *
 * <pre>{@code
 * jshell> LibraryDocs.forSignature("Tensor Tensors.ones(int... shape)")
 * $1 ==> Optional[A tensor filled with 1.0 ...]
 * }</pre>
 */
final class LibraryDocs {
    private static final String ROOT = "META-INF/workbook-src/";
    /** "Tensor TensorOps.sum(int dim, boolean keepdim)": the class, the method and its parameters. */
    private static final Pattern SIGNATURE = Pattern.compile("(?:^|\\s)([A-Z][\\w]*)\\.(\\w+)\\((.*)\\)\\s*$");
    /** A doc comment, then (past annotations) a declaration up to its parameter list's closing parenthesis. */
    private static final Pattern DOC_THEN_METHOD = Pattern.compile(
            "/\\*\\*((?:[^*]|\\*(?!/))*)\\*/\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*[^;{}=/]*?\\b(\\w+)\\s*\\(([^)]*)\\)");
    private static final List<String> PACKAGES = List.of("org.workbook.tensor", "org.workbook.nn", "org.workbook.nn.functional",
            "org.workbook.optim", "org.workbook.data", "org.workbook.learn", "org.workbook.plot", "org.workbook.display",
            "org.workbook.autograd", "org.workbook.random", "org.workbook.check", "org.workbook.kernel.widgets");
    private static final Map<String, String> SOURCES = new ConcurrentHashMap<>();

    private LibraryDocs() { }

    /** A documented library method: its parameters as the source declares them, and its docs. */
    record Doc(String params, String text) {
        /**
         * JShell's signature with the source's parameter names: JShell shows names only where the
         * class file keeps them (JDK 17 reads them from the debug tables, JDK 25 does not), so
         * "Tensor TensorOps.view(int...)" becomes "Tensor TensorOps.view(int... shape)" on every JDK.
         */
        String signature(String jshellSignature) {
            int open = jshellSignature.lastIndexOf('(', jshellSignature.length() - 1);
            return open < 0 ? jshellSignature : jshellSignature.substring(0, open + 1) + params + ")";
        }
    }

    /** The docs of the library method JShell describes as {@code signature}, when the library documents it. */
    static Optional<String> forSignature(String signature) {
        return find(signature).map(Doc::text);
    }

    /**
     * The library method JShell describes as {@code signature}, matched by name and parameter
     * types (with or without parameter names), when the library documents it.
     */
    static Optional<Doc> find(String signature) {
        Matcher m = SIGNATURE.matcher(signature);
        if (!m.find()) {
            return Optional.empty();
        }
        String source = source(m.group(1));
        if (source.isEmpty()) {
            return Optional.empty();
        }
        List<String> types = types(m.group(3));
        Matcher d = DOC_THEN_METHOD.matcher(source);
        while (d.find()) {
            if (d.group(2).equals(m.group(2)) && types(d.group(3)).equals(types)) {
                String text = render(d.group(1));
                return text.isBlank() ? Optional.empty()
                        : Optional.of(new Doc(d.group(3).replace("final ", "").replaceAll("\\s+", " ").strip(), text));
            }
        }
        return Optional.empty();
    }

    /** "int... shape, Map<String, Tensor> m" (or without the names) as ["int...", "Map<String,Tensor>"]. */
    static List<String> types(String params) {
        String p = params.replace("final ", "").replaceAll("\\s+", " ").strip();
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= p.length(); i++) {
            char c = i < p.length() ? p.charAt(i) : ',';
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String part = p.substring(start, i).strip();
                if (!part.isEmpty()) {
                    // a trailing identifier after a space is the parameter's name ("int... shape", "int[] a")
                    String type = part.replaceFirst("^(.*\\S)\\s+\\w+$", "$1");
                    out.add(type.replaceAll("\\s+", "").replaceAll("\\b(?:[a-z_]\\w*\\.)+(?=[A-Za-z_])", "")); // java.util.List -> List
                }
                start = i + 1;
            }
        }
        return out;
    }

    /** The first paragraph as plain text, then the jshell example if there is one. */
    static String render(String comment) {
        String text = comment.lines().map(l -> l.replaceFirst("^\\s*\\* ?", "")).reduce((a, b) -> a + "\n" + b).orElse("").strip();
        String example = "";
        Matcher pre = Pattern.compile("<pre>\\{@code\\s*\\n(.*?)\\n?\\s*}</pre>", Pattern.DOTALL).matcher(text);
        if (pre.find() && pre.group(1).contains("jshell>")) {
            example = pre.group(1).stripTrailing();
        }
        String first = text.split("\\n\\s*\\n|<p>|<pre>|\\n@|^@", 2)[0];
        first = first.replaceAll("\\{@(?:code|literal) ([^}]*)}", "$1")
                .replaceAll("\\{@link(?:plain)? (?:[\\w.]*#)?([^} ]*)[^}]*}", "$1")
                .replaceAll("<[^>]+>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                .replaceAll("\\s+", " ").strip();
        return example.isEmpty() ? first : first + "\n\n" + example;
    }

    private static String source(String simpleName) {
        return SOURCES.computeIfAbsent(simpleName, n -> {
            for (String p : PACKAGES) {
                try (InputStream in = LibraryDocs.class.getClassLoader().getResourceAsStream(ROOT + p.replace('.', '/') + "/" + n + ".java")) {
                    if (in != null) {
                        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                } catch (IOException e) {
                    return ""; // no docs for this class; the signature alone is still shown
                }
            }
            return "";
        });
    }
}
