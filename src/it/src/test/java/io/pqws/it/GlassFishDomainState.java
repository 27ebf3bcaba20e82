package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * What {@code configure-pq.sh} changes in a GlassFish 7 domain and {@code restore.sh} must give back exactly:
 * domain.xml in a canonical form and the aliases of the domain's two JKS stores. One class so that every GlassFish leg
 * (each profile) checks the restore the same way: two snapshots are equal when the restore gave the configuration
 * back.
 *
 * @param domainXml  domain.xml as lines of a canonical form, see {@link #domainXml}
 * @param keyStore   the aliases in {@code keystore.jks} (configure-pq.sh adds {@code pqws-server})
 * @param trustStore the aliases in {@code cacerts.jks} (configure-pq.sh adds {@code pqws-client-ca})
 */
record GlassFishDomainState(List<String> domainXml, Set<String> keyStore, Set<String> trustStore) {

    private static final Pattern GLASSFISH_DEFAULT_RESOURCE = Pattern.compile("=(jms|concurrent)/__default");

    /**
     * The domain's state now. GlassFish writes some of its defaults into domain.xml only when a subsystem is first
     * used ({@code cdi-service} and the web container's {@code session-config} at the first deployment), so take the
     * snapshot that restore.sh must give back after the unconfigured domain has deployed and undeployed the WAR once.
     */
    static GlassFishDomainState of(AsadminDomain server) throws IOException, GeneralSecurityException {
        return new GlassFishDomainState(domainXml(server), server.storeAliases("keystore.jks"),
                server.storeAliases("cacerts.jks"));
    }

    /** Asserts that the domain is in this state again, as restore.sh must leave it. */
    void assertGivenBackIn(AsadminDomain server) throws IOException, GeneralSecurityException {
        GlassFishDomainState now = of(server);
        assertEquals(domainXml, now.domainXml, "restore.sh gives domain.xml back");
        assertEquals(keyStore, now.keyStore, "restore.sh removes pqws-server again");
        assertEquals(trustStore, now.trustStore, "restore.sh removes pqws-client-ca again");
    }

    /** Whether the domain serves the imported pqws key: the control that a comparison sees what configure changed. */
    boolean configuredForPqws() {
        return domainXml.stream().anyMatch(line -> line.contains("cert-nickname=pqws-server"));
    }

    /**
     * domain.xml as lines of a canonical form: one line per element with its attributes in name order, then its
     * trimmed text. GlassFish serializes the attributes of an element in a different order from one write to the next
     * (seen: {@code login-module-config}'s {@code module-class} and {@code control-flag} swapped places after an
     * unrelated {@code asadmin set}); XML gives attribute order no meaning. Element order, names, values, text and
     * comments are compared as they are, except GlassFish's own default resources ({@code jms/__default...},
     * {@code concurrent/__default...} and their {@code resource-ref}s): GlassFish adds them by itself at some point
     * after a start (seen: {@code concurrent/__defaultContextService} and {@code __defaultManagedThreadFactory}
     * appeared between two snapshots of a domain that had been deployed to once already), and no pqws step touches
     * them.
     */
    private static List<String> domainXml(AsadminDomain server) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element root = factory.newDocumentBuilder()
                    .parse(server.domainDir().resolve("config/domain.xml").toFile()).getDocumentElement();
            List<String> lines = new ArrayList<>();
            canonical(root, "", lines);
            lines.removeIf(line -> GLASSFISH_DEFAULT_RESOURCE.matcher(line).find());
            return lines;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("domain.xml of " + server.domainDir() + " does not parse: " + e.getMessage(), e);
        }
    }

    private static void canonical(Node node, String indent, List<String> lines) {
        switch (node.getNodeType()) {
            case Node.ELEMENT_NODE -> {
                Map<String, String> attributes = new TreeMap<>();
                NamedNodeMap map = node.getAttributes();
                for (int i = 0; i < map.getLength(); i++) {
                    attributes.put(map.item(i).getNodeName(), map.item(i).getNodeValue());
                }
                lines.add(indent + "<" + node.getNodeName() + " " + attributes + ">");
                for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
                    canonical(child, indent + "  ", lines);
                }
            }
            case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> {
                String text = node.getNodeValue().strip();
                if (!text.isEmpty()) {
                    lines.add(indent + text);
                }
            }
            case Node.COMMENT_NODE -> lines.add(indent + "<!--" + node.getNodeValue() + "-->");
            default -> lines.add(indent + "node of type " + node.getNodeType() + ": " + node.getNodeName());
        }
    }
}
