package org.workbook.grading;

import org.workbook.notebook.AtomicFiles;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The grades as JUnit XML, which CI servers and LMS plugins read: a test suite
 * per submission, a test case per check; a failed check is a {@code <failure>},
 * an error or timeout an {@code <error>}, with the reason as its message.
 */
final class JunitReport {
    private JunitReport() {
    }

    static String xml(List<SubmissionGrade> grades) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuites");
            w.writeAttribute("name", "workbook grades");
            w.writeAttribute("tests", String.valueOf(grades.stream().mapToInt(g -> cases(g)).sum()));
            for (SubmissionGrade g : grades) {
                suite(w, g);
            }
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to a string cannot fail: " + e.getMessage(), e);
        }
        return out + "\n";
    }

    private static int cases(SubmissionGrade g) {
        return g.checks().isEmpty() ? 1 : g.checks().size();
    }

    private static void suite(XMLStreamWriter w, SubmissionGrade g) throws XMLStreamException {
        long failures = g.checks().stream().filter(c -> c.status() == CheckGrade.Status.FAILED).count();
        long errors = g.checks().stream().filter(c -> c.status() == CheckGrade.Status.ERROR
                || c.status() == CheckGrade.Status.TIMEOUT).count();
        w.writeCharacters("\n  ");
        w.writeStartElement("testsuite");
        w.writeAttribute("name", clean(g.name()));
        w.writeAttribute("tests", String.valueOf(cases(g)));
        w.writeAttribute("failures", String.valueOf(failures));
        w.writeAttribute("errors", String.valueOf(g.checks().isEmpty() ? 1 : errors));
        w.writeAttribute("time", String.format(Locale.ROOT, "%.3f", g.seconds()));
        w.writeCharacters("\n    ");
        w.writeStartElement("properties");
        property(w, "file", g.file());
        property(w, "score", SubmissionGrade.points(g.score()));
        property(w, "max_score", SubmissionGrade.points(g.maxScore()));
        property(w, "status", g.status());
        property(w, "sandbox", g.sandbox());
        property(w, "checks_from", g.checksFrom());
        w.writeEndElement();
        if (g.checks().isEmpty()) {
            testCase(w, g.name(), "notebook", "error", g.status(), g.reason());
        }
        for (CheckGrade c : g.checks()) {
            String name = c.id() + " (" + SubmissionGrade.points(c.maxPoints()) + " points)";
            switch (c.status()) {
                case PASSED -> testCase(w, g.name(), name, null, null, null);
                case FAILED -> testCase(w, g.name(), name, "failure", "AssertionError", c.reason());
                default -> testCase(w, g.name(), name, "error", c.status().json(), c.reason());
            }
        }
        w.writeCharacters("\n  ");
        w.writeEndElement();
    }

    private static void property(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeEmptyElement("property");
        w.writeAttribute("name", name);
        w.writeAttribute("value", clean(value));
    }

    private static void testCase(XMLStreamWriter w, String suite, String name, String kind, String type,
                                 String message) throws XMLStreamException {
        w.writeCharacters("\n    ");
        w.writeStartElement("testcase");
        w.writeAttribute("classname", clean(suite));
        w.writeAttribute("name", clean(name));
        if (kind != null) {
            w.writeStartElement(kind);
            w.writeAttribute("type", clean(type));
            w.writeAttribute("message", clean(message));
            w.writeCharacters(clean(message));
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    /** Text XML 1.0 can hold: a student's message may carry control characters (colour codes, NUL). */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            boolean ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
            b.appendCodePoint(ok ? c : '?');
        });
        return b.toString();
    }

    static void write(List<SubmissionGrade> grades, Path file) throws IOException {
        AtomicFiles.write(file, xml(grades));
    }
}
