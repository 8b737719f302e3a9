package org.workbook.kernel.magic;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What %maven reads from the user's Maven settings ({@code ~/.m2/settings.xml}, or the file
 * {@code WB_MAVEN_SETTINGS} names): the local repository, offline mode and the mirrors, so a
 * notebook resolves through the same corporate mirror and cache as the user's Maven builds.
 *
 * <pre>{@code
 * jshell> MavenSettings.read(Path.of("/home/me/.m2/settings.xml")).localRepository()
 * $1 ==> /home/me/.m2/repository
 * }</pre>
 */
record MavenSettings(Path localRepository, boolean offline, List<Mirror> mirrors, Path file) {
    /** A {@code <mirror>}: its id, url and the repositories it stands for ({@code *}, {@code central}, {@code external:*}). */
    record Mirror(String id, String url, String mirrorOf) { }

    /** The settings file in use: {@code WB_MAVEN_SETTINGS}, else {@code ~/.m2/settings.xml}. */
    static Path defaultFile() {
        String env = System.getenv("WB_MAVEN_SETTINGS");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".m2", "settings.xml");
    }

    /** Reads {@code file}; Maven's defaults when it does not exist. */
    static MavenSettings read(Path file) throws MagicException {
        Path defaultRepo = Path.of(System.getProperty("user.home"), ".m2", "repository");
        if (!Files.isRegularFile(file)) {
            return new MavenSettings(defaultRepo, false, List.of(), null);
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = f.newDocumentBuilder().parse(file.toFile());
            Element root = doc.getDocumentElement();
            String local = text(root, "localRepository");
            List<Mirror> mirrors = new ArrayList<>();
            NodeList ms = root.getElementsByTagName("mirror");
            for (int i = 0; i < ms.getLength(); i++) {
                Element m = (Element) ms.item(i);
                mirrors.add(new Mirror(text(m, "id"), text(m, "url"), text(m, "mirrorOf")));
            }
            Path repo = local.isEmpty() ? defaultRepo : Path.of(local.replace("${user.home}", System.getProperty("user.home")));
            return new MavenSettings(repo, text(root, "offline").equals("true"), mirrors, file);
        } catch (Exception e) {
            throw new MagicException("%maven cannot read the Maven settings " + file + ": " + e.getMessage()
                    + " (fix the file, or point WB_MAVEN_SETTINGS at another)");
        }
    }

    /** The text of the first child element named {@code tag}, trimmed; "" when there is none. */
    private static String text(Element parent, String tag) {
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e.getTextContent().strip();
            }
        }
        return "";
    }
}
