package io.pqws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pqws.testsupport.InMemoryCredentials;

/**
 * {@code pqws-client connect} end to end against a real in-JVM BCJSSE wss server: the report on stdout (text and
 * JSON), the replies, and for each failure its exit code and single line on stderr.
 */
class PqwsClientTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final InMemoryCredentials SERVER = InMemoryCredentials.ecdsaP256Localhost();
    private static final List<String> SERVER_GROUPS = List.of("X25519MLKEM768", "x25519", "secp256r1");

    @TempDir
    static Path dir;
    private static String trustStore;

    @BeforeAll
    static void writeTrustStore() throws Exception {
        trustStore = PeerCredentials.writeTrustStore(SERVER.certificate(), dir.resolve("truststore.p12")).toString();
    }

    private static TestWssServer echoServer(List<String> groups) throws Exception {
        return TestWssServer.echo(SERVER.keyManagers("PKIX", TestWssServer.JSSE), groups);
    }

    private static JsonObject parseJson(String line) {
        try (JsonReader reader = Json.createReader(new StringReader(line))) {
            return reader.readObject();
        }
    }

    private static void assertFailure(CliRun run, int exitCode, String reason) {
        assertEquals(List.of("pqws-client: " + reason), run.errLines(), "exactly one line, no stack trace");
        assertEquals(exitCode, run.exitCode());
    }

    @Test
    void printsTheHandshakeReportAndTheReplies() throws Exception {
        try (TestWssServer server = echoServer(SERVER_GROUPS)) {
            String url = server.url("127.0.0.1");
            CliRun run = CliRun.run("connect", "--truststore", trustStore, url, "hello", "wss world");
            assertEquals(0, run.exitCode(), run.err());
            assertEquals("", run.err());
            List<String> lines = run.outLines();
            assertEquals(10, lines.size(), run.out());
            assertEquals("connected to " + url, lines.get(0));
            assertEquals("  protocol        TLSv1.3", lines.get(1));
            assertTrue(lines.get(2).matches("  cipher suite    TLS_AES_(128_GCM_SHA256|256_GCM_SHA384)|"
                    + "  cipher suite    TLS_CHACHA20_POLY1305_SHA256"), lines.get(2));
            assertEquals("  named group     X25519MLKEM768", lines.get(3));
            assertEquals("  hybrid PQ       yes", lines.get(4));
            assertEquals("  server subject  CN=localhost", lines.get(5));
            assertEquals("  server issuer   CN=localhost", lines.get(6));
            assertTrue(lines.get(7).matches("  handshake       \\d+ ms"), lines.get(7));
            assertEquals(List.of("< hello", "< wss world"), lines.subList(8, 10));
            assertEquals("X25519MLKEM768", server.nextAccepted(WAIT).namedGroup());
        }
    }

    @Test
    void jsonReportParsesAndUsesTheServersKeys() throws Exception {
        try (TestWssServer server = echoServer(SERVER_GROUPS)) {
            String url = server.url("127.0.0.1");
            CliRun run = CliRun.withStdin("one\ntwo\n", false, "connect", "--json", "--truststore", trustStore, url);
            assertEquals(0, run.exitCode(), run.err());
            List<String> lines = run.outLines();
            assertEquals(3, lines.size(), run.out());
            JsonObject report = parseJson(lines.get(0));
            assertEquals(url, report.getString("url"));
            assertEquals("TLSv1.3", report.getString("protocol"));
            assertTrue(report.getString("cipherSuite").startsWith("TLS_"));
            assertEquals("X25519MLKEM768", report.getString("namedGroup"));
            assertTrue(report.getBoolean("hybridPostQuantum"));
            assertEquals("CN=localhost", report.getString("serverSubject"));
            assertEquals("CN=localhost", report.getString("serverIssuer"));
            assertTrue(report.getJsonNumber("handshakeMillis").longValue() >= 0);
            assertEquals("one", parseJson(lines.get(1)).getString("text"));
            assertEquals("two", parseJson(lines.get(2)).getString("text"));
        }
    }

    @Test
    void binaryMessagesComeBackAsBinary() throws Exception {
        try (TestWssServer server = echoServer(SERVER_GROUPS)) {
            CliRun text = CliRun.run("connect", "--binary", "--truststore", trustStore, server.url("127.0.0.1"),
                    "hello");
            assertEquals(0, text.exitCode(), text.err());
            assertEquals("< [binary, 5 bytes] 68656c6c6f", text.outLines().get(text.outLines().size() - 1));

            CliRun json = CliRun.run("connect", "--binary", "--json", "--truststore", trustStore,
                    server.url("127.0.0.1"), "hello");
            JsonObject reply = parseJson(json.outLines().get(1));
            assertEquals("binary", reply.getString("type"));
            assertEquals("aGVsbG8=", reply.getString("base64"));
        }
    }

    @Test
    void classicProfileReportsX25519AndNotHybrid() throws Exception {
        try (TestWssServer server = echoServer(SERVER_GROUPS)) {
            CliRun run = CliRun.run("connect", "--profile", "classic", "--truststore", trustStore,
                    server.url("127.0.0.1"));
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.outLines().contains("  named group     x25519"), run.out());
            assertTrue(run.outLines().contains("  hybrid PQ       no"), run.out());
        }
    }

    @Test
    void hybridOnlyAgainstAClassicServerIsAPolicyFailure() throws Exception {
        try (TestWssServer server = echoServer(List.of("x25519", "secp256r1"))) {
            CliRun run = CliRun.run("connect", "--profile", "hybrid-only", "--truststore", trustStore,
                    server.url("127.0.0.1"), "never sent");
            assertFailure(run, PqwsClient.POLICY_FAILED,
                    "negotiated key exchange secp256r1 is not hybrid post-quantum; refused by the hybrid-only policy");
            assertEquals("", run.out());
        }
    }

    @Test
    void hybridOnlyAgainstAnX25519OnlyServerFailsTheHandshake() throws Exception {
        try (TestWssServer server = echoServer(List.of("x25519"))) {
            CliRun run = CliRun.run("connect", "--profile", "hybrid-only", "--truststore", trustStore,
                    server.url("127.0.0.1"));
            assertFailure(run, PqwsClient.CONNECTION_FAILED, "TLS handshake failed: received fatal alert "
                    + "handshake_failure (no common named group, signature scheme or cipher suite; try another "
                    + "--profile)");
        }
    }

    @Test
    void untrustedServerCertificateExitsWith2() throws Exception {
        try (TestWssServer server = echoServer(SERVER_GROUPS)) {
            // no --truststore: the JDK's cacerts, which do not know the test's self-signed certificate
            CliRun run = CliRun.run("connect", server.url("127.0.0.1"));
            assertFailure(run, PqwsClient.CONNECTION_FAILED,
                    "server certificate not trusted (no path to a trust anchor; check --truststore)");
        }
    }

    @Test
    void hostnameMismatchIsRefusedUnlessVerificationIsTurnedOff() throws Exception {
        PeerCredentials elsewhere = PeerCredentials.selfSigned("CN=elsewhere",
                new GeneralName(GeneralName.dNSName, "elsewhere.invalid"));
        String elsewhereTrust = PeerCredentials.writeTrustStore(elsewhere.certificate(),
                dir.resolve("elsewhere-trust.p12")).toString();
        try (TestWssServer server = TestWssServer.echo(elsewhere.keyManagers(), SERVER_GROUPS)) {
            String url = server.url("127.0.0.1");
            CliRun refused = CliRun.run("connect", "--truststore", elsewhereTrust, url);
            assertFailure(refused, PqwsClient.CONNECTION_FAILED, "server certificate does not match host '127.0.0.1' "
                    + "(no subject alternative name found matching IP address 127.0.0.1); use a name from its "
                    + "subjectAltName");

            CliRun accepted = CliRun.run("connect", "--no-hostname-verification", "--truststore", elsewhereTrust, url,
                    "hi");
            assertEquals(0, accepted.exitCode(), accepted.err());
            assertEquals(List.of("pqws-client: warning: hostname verification is off; any server with a trusted "
                    + "certificate can pose as 127.0.0.1"), accepted.errLines());
            assertTrue(accepted.outLines().contains("  server subject  CN=elsewhere"), accepted.out());
            assertTrue(accepted.outLines().contains("< hi"), accepted.out());
        }
    }

    @Test
    void mutualTlsWithACertificateFile() throws Exception {
        PeerCredentials alice = PeerCredentials.selfSigned("CN=alice, O=pqws dev");
        String aliceFile = alice.writeKeyStore(dir.resolve("alice.p12")).toString();
        try (TestWssServer server = TestWssServer.echoWithClientAuth(SERVER.keyManagers("PKIX", TestWssServer.JSSE),
                alice.trustManagers(), SERVER_GROUPS)) {
            CliRun run = CliRun.run("connect", "--truststore", trustStore, "--cert", aliceFile, "--cert-password",
                    new String(PeerCredentials.PASSWORD), server.url("127.0.0.1"), "hi");
            assertEquals(0, run.exitCode(), run.err());
            assertEquals("CN=alice,O=pqws dev", server.nextAccepted(WAIT).clientPrincipal());

            CliRun withoutCertificate = CliRun.run("connect", "--truststore", trustStore, server.url("127.0.0.1"));
            assertFailure(withoutCertificate, PqwsClient.CONNECTION_FAILED, "TLS handshake failed: the server "
                    + "rejected the client certificate or its absence (received fatal alert certificate_required; "
                    + "see --cert)");
        }
    }

    @Test
    void serverCloseIsReportedWithItsCode() throws Exception {
        try (TestWssServer server = TestWssServer.closingAfterUpgrade(SERVER.keyManagers("PKIX", TestWssServer.JSSE),
                SERVER_GROUPS, 1008, "origin not allowed")) {
            CliRun run = CliRun.run("connect", "--truststore", trustStore, server.url("127.0.0.1"), "hello");
            assertFailure(run, PqwsClient.CONNECTION_FAILED, "server closed the connection: 1008 origin not allowed");
            assertTrue(run.out().startsWith("connected to "), "the report came before the close: " + run.out());
        }
    }

    @Test
    void refusedAndSilentServersExitWith2And4() throws Exception {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            freePort = probe.getLocalPort();
        }
        assertFailure(CliRun.run("connect", "wss://127.0.0.1:" + freePort + "/"), PqwsClient.CONNECTION_FAILED,
                "connection refused by 127.0.0.1:" + freePort);

        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CliRun run = CliRun.run("connect", "--timeout", "0.5", "wss://127.0.0.1:" + silent.getLocalPort() + "/");
            assertFailure(run, PqwsClient.TIMED_OUT,
                    "no WebSocket connection to 127.0.0.1:" + silent.getLocalPort() + " within 500 ms");
        }
    }

    @Test
    void plainWsWorksButIsReportedAsUnencrypted() throws Exception {
        try (TestWssServer server = TestWssServer.plainEcho()) {
            CliRun run = CliRun.run("connect", server.url("127.0.0.1"), "hi");
            assertEquals(0, run.exitCode(), run.err());
            assertEquals("  protocol        none (plain ws://, not encrypted)", run.outLines().get(1));
            assertEquals("< hi", run.outLines().get(run.outLines().size() - 1));

            CliRun json = CliRun.run("connect", "--json", server.url("127.0.0.1"));
            JsonObject report = parseJson(json.outLines().get(0));
            assertEquals(JsonValue.NULL, report.get("protocol"));
            assertEquals(false, report.getBoolean("hybridPostQuantum"));

            assertFailure(CliRun.run("connect", "--profile", "hybrid-only", server.url("127.0.0.1")),
                    PqwsClient.POLICY_FAILED, "a hybrid-only policy needs TLS, but " + server.url("127.0.0.1")
                            + " is plain ws://; use wss://");
        }
    }

    @Test
    void verboseAddsTheChainOfCausesWithoutAStackTrace() throws Exception {
        try (TestWssServer server = echoServer(SERVER_GROUPS)) {
            CliRun run = CliRun.run("connect", "--verbose", server.url("127.0.0.1"));
            assertEquals(PqwsClient.CONNECTION_FAILED, run.exitCode());
            assertEquals("pqws-client: server certificate not trusted (no path to a trust anchor; check --truststore)",
                    run.errLines().get(0));
            assertTrue(run.err().contains("WssClientException"), run.err());
            assertTrue(run.err().contains("CertificateException") || run.err().contains("CertPath"), run.err());
            assertTrue(run.errLines().stream().anyMatch(line -> line.startsWith("pqws-client:   caused by: ")),
                    run.err());
            assertFalse(run.err().contains("\tat "), "no stack frames: " + run.err());
        }
    }
}
