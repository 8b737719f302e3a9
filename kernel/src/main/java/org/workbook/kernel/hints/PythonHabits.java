package org.workbook.kernel.hints;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table of Python habits and their Java forms. Each row names the javac diagnostic
 * it answers (its code) and reads the snippet's source around the diagnostic's position
 * to write the Java form with the cell's own names:
 *
 * <pre>
 * a + b              bad operand types for binary operator '+'   -> a.add(b)
 * q[0]               array required, but Tensor found            -> q.get(0)
 * q[:, 0]            illegal start of expression                 -> q.get(":, 0")
 * x.float()          &lt;identifier&gt; expected                    -> x.toFloat()
 * a ** 2             illegal start of expression                 -> a.pow(2)
 * t and u            ';' expected                                -> t &amp;&amp; u
 * len(x)             cannot find symbol: method len(Tensor)      -> x.size(0)
 * None               cannot find symbol: variable None           -> null
 * f"x={x}"           ';' expected                                -> "x=" + x
 * for (i : range(3)) cannot find symbol: method range(int)       -> for (int i = 0; i &lt; 3; i++)
 * print(x)           cannot find symbol: method print(Tensor)    -> System.out.println(x)
 * Linear(2, 3)       cannot find symbol: method Linear(int,int)  -> new Linear(2, 3)
 * x.shape            shape is not public in TensorBase           -> x.shape()
 * </pre>
 *
 * Each row is tested on its own in {@code PythonHabitsTest}.
 */
public final class PythonHabits {
    static final String TENSOR = "org.workbook.tensor.Tensor";

    /** One row: a name (for tests and docs), the diagnostic code it answers, and the hint it writes (or none). */
    public record Habit(String name, String code, Function<CompileError, Optional<String>> hint) { }

    private static final Map<String, String> OPERATORS = Map.ofEntries(
            Map.entry("+", "add"), Map.entry("-", "sub"), Map.entry("*", "mul"), Map.entry("/", "div"),
            Map.entry(">", "gt"), Map.entry("<", "lt"), Map.entry(">=", "ge"), Map.entry("<=", "le"),
            Map.entry("&", "logicalAnd"), Map.entry("|", "logicalOr"));
    private static final Map<String, String> CASTS = Map.of(
            "float", "toFloat", "int", "toInt", "long", "toLong", "double", "toDouble", "boolean", "bool");
    private static final Map<String, String> CONSTANTS = Map.of("None", "null", "True", "true", "False", "false");
    private static final Pattern BINARY = Pattern.compile("binary operator '([^']+)'");
    private static final Pattern METHOD = Pattern.compile("method (\\w+)\\((.*)\\)");
    private static final Pattern FOR_RANGE = Pattern.compile("for\\s*\\(\\s*(?:[\\w<>]+\\s+)?(\\w+)\\s*:\\s*range\\s*\\(");

    static final List<Habit> TABLE = List.of(
            new Habit("operator on tensors", "compiler.err.operator.cant.be.applied.1", PythonHabits::operator),
            new Habit("unary minus on a tensor", "compiler.err.operator.cant.be.applied", PythonHabits::unary),
            new Habit("[] on a tensor", "compiler.err.array.req.but.found", PythonHabits::index),
            new Habit("x.float(), x.int()", "compiler.err.expected", PythonHabits::cast),
            new Habit("q[0, 1] and q[:, 0] on a tensor", "compiler.err.expected", PythonHabits::multiIndex),
            new Habit("q[0, 1] and q[:, 0] on a tensor", "compiler.err.illegal.start.of.expr", PythonHabits::multiIndex),
            new Habit("** for powers", "compiler.err.illegal.start.of.expr", PythonHabits::power),
            new Habit("and, or, not", "compiler.err.expected", PythonHabits::logical),
            new Habit("f-strings", "compiler.err.expected", PythonHabits::fString),
            new Habit("len(x)", "compiler.err.cant.resolve.location.args", PythonHabits::len),
            new Habit("range(...) in a for", "compiler.err.cant.resolve.location.args", PythonHabits::range),
            new Habit("print(x)", "compiler.err.cant.resolve.location.args", PythonHabits::print),
            new Habit("Linear(2, 3) without new", "compiler.err.cant.resolve.location.args", PythonHabits::constructor),
            new Habit("None, True, False", "compiler.err.cant.resolve.location", PythonHabits::constant),
            new Habit("x.shape without ()", "compiler.err.not.def.public.cant.access", PythonHabits::attribute));

    private PythonHabits() { }

    /** The rows, in the order they are tried. */
    public static List<Habit> table() {
        return TABLE;
    }

    /** The first hint a row of the table gives for {@code e}. */
    public static Optional<String> hint(CompileError e) {
        for (Habit h : TABLE) {
            if (h.code().equals(e.code())) {
                Optional<String> s = h.hint().apply(e);
                if (s.isPresent()) {
                    return s;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> operator(CompileError e) {
        Matcher m = BINARY.matcher(e.message());
        if (!m.find()) {
            return Optional.empty();
        }
        String op = m.group(1);
        boolean assign = e.text(e.pos(), e.end()).strip().startsWith(op + "=");
        int opLen = op.length() + (assign ? 1 : 0);
        String left = e.text(e.start(), e.pos()).strip();
        String right = e.text(e.pos() + opLen, e.end()).strip();
        String method = OPERATORS.get(op);
        if (method == null || !(e.isTensor(left) || e.isTensor(right))) {
            return Optional.empty();
        }
        String java;
        if (assign) {
            java = left + "." + method + "_(" + right + ")";
        } else if (e.isTensor(left)) {
            java = left + "." + method + "(" + right + ")";
        } else if (op.equals("+") || op.equals("*")) {
            java = right + "." + method + "(" + left + ")";
        } else {
            java = "tensor(" + left + ")." + method + "(" + right + ")";
        }
        return Optional.of("Java has no operators on tensors: write " + java + " for " + e.span().strip()
                + " (+ add, - sub, * mul, / div, < lt, > gt, & logicalAnd; += is add_)");
    }

    private static Optional<String> unary(CompileError e) {
        String span = e.span().strip();
        if (!span.startsWith("-") || !e.isTensor(span.substring(1))) {
            return Optional.empty();
        }
        return Optional.of("Java has no operators on tensors: write " + span.substring(1).strip() + ".neg() for " + span);
    }

    private static Optional<String> index(CompileError e) {
        String span = e.span();
        int open = span.indexOf('[');
        if (open < 0 || !e.isTensor(span.substring(0, open))) {
            return Optional.empty();
        }
        String target = span.substring(0, open).strip();
        List<String> parts = new ArrayList<>();
        int i = e.start() + open;
        String src = e.source();
        while (i < src.length() && src.charAt(i) == '[') {
            int close = src.indexOf(']', i);
            if (close < 0) {
                break;
            }
            parts.add(src.substring(i + 1, close).strip());
            i = close + 1;
            while (i < src.length() && src.charAt(i) == ' ') {
                i++;
            }
        }
        String idx = String.join(", ", parts);
        String after = e.text(i, src.length());
        if (after.startsWith("=") && !after.startsWith("==")) {
            String value = after.substring(1).strip().replaceAll(";.*$", "");
            return Optional.of("a tensor is indexed with methods: write " + target + ".set(\"" + idx + "\", " + value
                    + ") for " + target + "[" + idx + "] = " + value);
        }
        return Optional.of("a tensor is indexed with methods: write " + target + ".get(" + idx + ") for "
                + e.text(e.start(), i).strip() + " (slices as a string: " + target + ".get(\":, 0\"))");
    }

    private static Optional<String> multiIndex(CompileError e) {
        Matcher m = Pattern.compile("([\\w.]+)\\s*\\[([^\\]\\[]*)\\]").matcher(e.source());
        while (m.find()) {
            if (m.start(2) <= e.pos() && e.pos() <= m.end(2) && e.isTensor(m.group(1))) {
                String idx = m.group(2).strip();
                String java = idx.contains(":") || idx.contains("None") || idx.contains("...")
                        ? m.group(1) + ".get(\"" + idx + "\")" : m.group(1) + ".get(" + idx + ")";
                return Optional.of("a tensor is indexed with methods: write " + java + " for " + m.group());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> cast(CompileError e) {
        if (!e.message().startsWith("<identifier> expected") || e.pos() == 0 || e.source().charAt(e.pos() - 1) != '.') {
            return Optional.empty();
        }
        Matcher m = Pattern.compile("^\\s*(\\w+)\\s*\\(").matcher(e.rest());
        if (!m.find() || !CASTS.containsKey(m.group(1))) {
            return Optional.empty();
        }
        String receiver = receiverBefore(e.source(), e.pos() - 1);
        String java = CASTS.get(m.group(1));
        return Optional.of(m.group(1) + " is a Java keyword, so the method is " + java + "(): write " + receiver + "." + java + "()");
    }

    private static Optional<String> power(CompileError e) {
        int star = e.source().lastIndexOf("**", e.pos());
        if (star < 0 || star < e.pos() - 3) {
            return Optional.empty();
        }
        String base = receiverBefore(e.source(), star);
        Matcher m = Pattern.compile("^\\*\\*\\s*([\\w.]+(?:\\([^()]*\\))?)").matcher(e.text(star, e.source().length()));
        String exp = m.find() ? m.group(1) : "n";
        String java = e.isTensor(base) ? base + ".pow(" + exp + ")" : "Math.pow(" + base + ", " + exp + ")";
        return Optional.of("Java has no ** operator: write " + java + " for " + base + " ** " + exp);
    }

    private static Optional<String> logical(CompileError e) {
        Matcher m = Pattern.compile("^\\s*(and|or|not)\\b").matcher(e.rest());
        String before = e.text(0, e.pos()).stripTrailing();
        String word = m.find() ? m.group(1) : before.endsWith(" not") || before.equals("not") ? "not" : null;
        if (word == null) {
            return Optional.empty();
        }
        String java = switch (word) { case "and" -> "&&"; case "or" -> "||"; default -> "!"; };
        return Optional.of("Java writes " + word + " as " + java + " (on boolean tensors: logicalAnd, logicalOr, logicalNot)");
    }

    private static Optional<String> fString(CompileError e) {
        String src = e.source();
        int p = e.pos();
        if (p == 0 || p >= src.length() || src.charAt(p) != '"' || src.charAt(p - 1) != 'f') {
            return Optional.empty();
        }
        int close = src.indexOf('"', p + 1);
        String body = close < 0 ? src.substring(p + 1) : src.substring(p + 1, close);
        return Optional.of("Java has no f-strings: write " + FStrings.toJava(body)
                + " (or String.format(\"...%s...\", x))");
    }

    private static Optional<String> len(CompileError e) {
        Matcher m = METHOD.matcher(e.detail("symbol"));
        if (!m.matches() || !m.group(1).equals("len")) {
            return Optional.empty();
        }
        String arg = argument(e.text(e.end(), e.source().length()));
        String type = m.group(2);
        String java = type.equals(TENSOR) ? arg + ".size(0)"
                : type.equals("java.lang.String") ? arg + ".length()"
                : type.endsWith("[]") ? arg + ".length" : arg + ".size()";
        return Optional.of("Java has no len(): write " + java + " for len(" + arg + ")"
                + (type.equals(TENSOR) ? " (numel() counts every element)" : ""));
    }

    private static Optional<String> range(CompileError e) {
        Matcher m = METHOD.matcher(e.detail("symbol"));
        Matcher f = FOR_RANGE.matcher(e.source());
        if (!m.matches() || !m.group(1).equals("range") || !f.find()) {
            return Optional.empty();
        }
        String[] args = argument(e.text(e.end(), e.source().length())).split(",");
        String from = args.length > 1 ? args[0].strip() : "0";
        String to = (args.length > 1 ? args[1] : args[0]).strip();
        String step = args.length > 2 ? " += " + args[2].strip() : "++";
        String i = f.group(1);
        return Optional.of("Java has no range(): write for (int " + i + " = " + from + "; " + i + " < " + to + "; " + i + step + ")");
    }

    private static Optional<String> print(CompileError e) {
        Matcher m = METHOD.matcher(e.detail("symbol"));
        if (!m.matches() || !m.group(1).equals("print") || !e.detail("location").equals("class")) {
            return Optional.empty();
        }
        String arg = argument(e.text(e.end(), e.source().length()));
        return Optional.of("Java prints with System.out.println(" + arg + "); a cell's last expression is shown by itself");
    }

    private static Optional<String> constructor(CompileError e) {
        Matcher m = METHOD.matcher(e.detail("symbol"));
        if (!m.matches() || !Character.isUpperCase(m.group(1).charAt(0)) || e.session().load(m.group(1)) == null) {
            return Optional.empty();
        }
        String args = argument(e.text(e.end(), e.source().length()));
        return Optional.of("Java makes objects with new: write new " + m.group(1) + "(" + args + ")");
    }

    private static Optional<String> constant(CompileError e) {
        String sym = e.detail("symbol");
        String name = sym.startsWith("variable ") ? sym.substring(9) : "";
        return Optional.ofNullable(CONSTANTS.get(name)).map(j -> "Java writes " + name + " as " + j);
    }

    private static Optional<String> attribute(CompileError e) {
        Matcher m = Pattern.compile("^(\\w+) is not public in").matcher(e.message());
        String span = e.span().strip();
        int dot = span.lastIndexOf('.');
        if (!m.find() || dot < 0) {
            return Optional.empty();
        }
        String receiver = span.substring(0, dot);
        String type = e.typeOf(receiver);
        if (!DidYouMean.hasPublicMethod(type, m.group(1), e.session())) {
            return Optional.empty();
        }
        return Optional.of("in Java this is a method: write " + receiver + "." + m.group(1) + "()");
    }

    /** The receiver expression that ends just before {@code end} ("x", "model.fc", "f(x)"). */
    static String receiverBefore(String src, int end) {
        int i = end;
        while (i > 0 && src.charAt(i - 1) == ' ') {
            i--;
        }
        int stop = i;
        int depth = 0;
        while (i > 0) {
            char c = src.charAt(i - 1);
            if (c == ')' || c == ']') {
                depth++;
            } else if ((c == '(' || c == '[') && depth > 0) {
                depth--;
            } else if (depth == 0 && !(Character.isJavaIdentifierPart(c) || c == '.')) {
                break;
            }
            i--;
        }
        return src.substring(i, stop);
    }

    /** The text inside the parentheses that open {@code after} ("(x)..." gives "x"). */
    static String argument(String after) {
        int open = after.indexOf('(');
        if (open < 0) {
            return "x";
        }
        int depth = 0;
        for (int i = open; i < after.length(); i++) {
            char c = after.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return after.substring(open + 1, i).strip();
            }
        }
        return after.substring(open + 1).strip();
    }
}
