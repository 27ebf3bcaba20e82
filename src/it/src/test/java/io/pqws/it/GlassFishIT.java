package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import io.pqws.client.ClientTlsSettings;
import io.pqws.client.TlsProfile;
import io.pqws.client.WsMessage;
import io.pqws.client.WssClient;
import io.pqws.client.WssConnection;
import io.pqws.lifecycle.ModuleShutdown;
import io.pqws.testsupport.HeadlessChromium;
import io.pqws.testsupport.OpenSslPeer;

/**
 * The same WAR on a GlassFish 7 domain (Jakarta EE 10, Payara Server's upstream) whose own https listener the Payara
 * Server script {@code server-config/payara-server/configure-pq.sh} turned into a hybrid one: the echo works, sessions
 * report the group their handshake negotiated (read through the Grizzly locator, as on Payara) and the mTLS client
 * certificate, the server's group order wins, Chromium and OpenSSL 3.5 get the hybrid group, and {@code restore.sh}
 * gives domain.xml and the key stores back. Last, undeploying the WAR closes every open WebSocket session with
 * {@code 1001}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GlassFishIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Pattern GLASSFISH_DEFAULT_RESOURCE = Pattern.compile("=(jms|concurrent)/__default");

    private static AsadminDomain server;
    private static List<String> domainXmlBefore;
    private static Set<String> keyStoreBefore;
    private static Set<String> trustStoreBefore;

    /**
     * GlassFish writes some of its defaults into domain.xml only when a subsystem is first used: {@code cdi-service}
     * and the web container's {@code session-config} at the first deployment. So the unconfigured domain deploys and
     * undeploys the WAR once before domain.xml is taken as the one restore.sh must give back. (Its default JMS and
     * concurrency resources come whenever GlassFish gets to them; {@link #domainXml} leaves them out.)
     */
    @BeforeAll
    static void createConfigureAndDeploy() throws Exception {
        assertEquals("hybrid", PqwsServer.profile());
        server = AsadminDomain.glassFish();
        server.deployBuiltWar();
        server.undeploy();
        domainXmlBefore = domainXml();
        keyStoreBefore = server.storeAliases("keystore.jks");
        trustStoreBefore = server.storeAliases("cacerts.jks");
        server.configure();
        assertTrue(domainXml().stream().anyMatch(line -> line.contains("cert-nickname=pqws-server")),
                "control: the comparison sees what configure-pq.sh changed");
        server.deployBuiltWar();
    }

    /** Restores, stops the domain (which may write domain.xml once more) and compares what is on disk then. */
    @AfterAll
    static void restoreAndRemove() throws Exception {
        if (server == null) {
            return;
        }
        try {
            server.undeployAndRestore();
            server.stop();
            assertEquals(domainXmlBefore, domainXml(), "restore.sh gives domain.xml back");
            assertEquals(keyStoreBefore, server.storeAliases("keystore.jks"), "restore.sh removes pqws-server again");
            assertEquals(trustStoreBefore, server.storeAliases("cacerts.jks"),
                    "restore.sh removes pqws-client-ca again");
        } finally {
            server.stopAndDelete();
        }
    }

    @Test
    void echoesOverWssWithTheHybridGroup() throws Exception {
        try (WssConnection connection = new WssClient(PqwsServer.client(TlsProfile.HYBRID))
                .connect(server.wss("echo"), WAIT)) {
            assertEquals("X25519MLKEM768", connection.handshake().namedGroup());
            connection.sendText("grüß dich, GlassFish");
            assertEquals(new WsMessage.Text("grüß dich, GlassFish"), connection.nextMessage(WAIT));
        }
    }

    @Test
    void theSessionReportsTheHybridGroupAndTheClientCertificate() throws Exception {
        ClientTlsSettings alice = PqwsServer.client(TlsProfile.HYBRID)
                .withClientCertificate(PqwsServer.clientCertificate("alice"));
        try (WssConnection connection = new WssClient(alice).connect(server.wss("tls"), WAIT)) {
            ServerTls tls = ServerTls.of(connection);
            assertEquals("X25519MLKEM768", tls.namedGroup(), tls.json().toString());
            assertTrue(tls.hybrid());
            assertEquals("TLSv1.3", tls.protocol());
            assertEquals("CN=alice, O=pqws dev", tls.clientCertificate());
            assertTrue(connection.handshake().serverIssuer().contains("pqws development CA"),
                    "the listener serves the imported pqws-server key, not GlassFish's s1as");
        }
    }

    @Test
    void withoutAClientCertificateNoneIsReported() throws Exception {
        try (WssConnection connection = new WssClient(PqwsServer.client(TlsProfile.HYBRID))
                .connect(server.wss("tls"), WAIT)) {
            ServerTls tls = ServerTls.of(connection);
            assertEquals("X25519MLKEM768", tls.namedGroup(), tls.json().toString());
            assertNull(tls.clientCertificate());
        }
    }

    @Test
    void aClassicOnlyClientIsServedWithX25519AndToldSo() throws Exception {
        try (WssConnection connection = new WssClient(PqwsServer.client(TlsProfile.CLASSIC))
                .connect(server.wss("tls"), WAIT)) {
            ServerTls tls = ServerTls.of(connection);
            assertEquals("x25519", tls.namedGroup(), tls.json().toString());
            assertFalse(tls.hybrid());
            assertEquals("x25519", connection.handshake().namedGroup());
        }
    }

    @Test
    void theServersGroupOrderWinsSoPqwsServesTheListener() throws Exception {
        // BCJSSE alone follows the client's order and would pick x25519; only the PQWS provider switches the
        // server's order on. So X25519MLKEM768 here means Grizzly took its SSLContext from PQWS.
        ClientTlsSettings classicFirst = PqwsServer.clientOffering("x25519", "X25519MLKEM768", "secp256r1");
        try (WssConnection connection = new WssClient(classicFirst).connect(server.wss("tls"), WAIT)) {
            assertEquals("X25519MLKEM768", ServerTls.of(connection).namedGroup());
        }
    }

    @Test
    void openSsl35NegotiatesTheHybridGroup() throws Exception {
        OpenSslPeer.Result result = OpenSslPeer.installed().connect(OpenSslPeer.Request.to(server.httpsPort())
                .groups("X25519MLKEM768").trusting(PqwsServer.caCertificate()));
        assertTrue(result.handshakeCompleted(), result.toString());
        assertTrue(result.verified(), result.toString());
        assertEquals("X25519MLKEM768", result.group(), result.toString());
    }

    @Test
    void chromiumShowsAQuantumSafeConnection() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start(PqwsServer.serverCertificate())) {
            PageVerdict page = PageVerdict.load(chromium, server.https("").toString());
            assertEquals("safe", page.state(), page.toString());
            assertEquals("X25519MLKEM768", page.group());
        }
    }

    @Test
    void overTls12OnlyAeadSuitesAreAccepted() throws Exception {
        Tls12Suites.assertAeadOnly(server.httpsPort());
    }

    @Test
    void overTls12TheServerNeverSignsWithSha1() throws Exception {
        Tls12Suites.assertNeverSignsWithSha1(server.httpsPort());
    }

    /**
     * {@code asadmin undeploy} stops the web module as on Payara Server (Catalina's {@code StandardContext.stop}),
     * without stopping the domain, which the restore check after it needs: the module's goodbye servlet must have
     * closed every session with 1001 first. Runs last: it undeploys the WAR.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void undeployingSaysGoingAwayToEverySession() throws Exception {
        try (StopWitnesses witnesses = StopWitnesses.open(server.wss("echo"), WAIT)) {
            server.undeploy();
            witnesses.assertGoingAway(ModuleShutdown.REASON, WAIT);
        }
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
    private static List<String> domainXml() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element root = factory.newDocumentBuilder().parse(server.domainDir().resolve("config/domain.xml").toFile())
                .getDocumentElement();
        List<String> lines = new ArrayList<>();
        canonical(root, "", lines);
        lines.removeIf(line -> GLASSFISH_DEFAULT_RESOURCE.matcher(line).find());
        return lines;
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
