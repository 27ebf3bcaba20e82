package io.pqws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.pqws.testsupport.InMemoryCredentials;
import io.pqws.testsupport.OpenSslPeer;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * {@code pqws-client probe} against real servers: an in-JVM BCJSSE server, and independent ones, OpenSSL 3.5's
 * {@code s_server} offering only X25519MLKEM768 (hybrid-only) and only x25519 (classic), each verdict with its
 * opposite as control.
 */
class ServerProbeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final InMemoryCredentials SERVER = InMemoryCredentials.ecdsaP256Localhost();

    private static ProbeReport probe(int port) throws Exception {
        return new ServerProbe(SERVER.trustStore(), false, WAIT).probe("localhost", port);
    }

    @Test
    void aBcServerPreferringTheClientsOrderServesHybridButIsNotHybridOnly() throws Exception {
        try (TestWssServer server = TestWssServer.echo(SERVER.keyManagers("PKIX", TestWssServer.JSSE),
                List.of("X25519MLKEM768", "x25519", "secp256r1"))) {
            ProbeReport report = probe(server.port());

            assertTrue(report.versions().get("TLSv1.3").completed());
            assertTrue(report.versions().get("TLSv1.2").completed());
            assertTrue(report.accepts("X25519MLKEM768"));
            assertFalse(report.accepts("SecP256r1MLKEM768"), "not in the server's list");
            assertTrue(report.servesHybrid());
            assertFalse(report.hybridShareFirst().helloRetryRequest(), "the hybrid share was sent up front");
            assertEquals("x25519", report.classicOnly().namedGroup());
            assertFalse(report.hybridOnly());
            assertTrue(report.meets(ProbeReport.Requirement.HYBRID));
            assertFalse(report.meets(ProbeReport.Requirement.HYBRID_ONLY));
            assertEquals("EC P-256", report.chain().get(0).publicKey());
            assertEquals("SHA256withECDSA", report.chain().get(0).signatureAlgorithm());
            assertFalse(report.mlDsaChainOffered());
        }
    }

    @Test
    void theCommandLineExitCodeGatesOnTheRequirement() throws Exception {
        try (TestWssServer server = TestWssServer.echo(SERVER.keyManagers("PKIX", TestWssServer.JSSE),
                List.of("X25519MLKEM768", "x25519", "secp256r1"))) {
            java.nio.file.Path trust = java.nio.file.Files.createTempFile("pqws-trust", ".p12");
            try {
                try (var out = java.nio.file.Files.newOutputStream(trust)) {
                    SERVER.trustStore().store(out, InMemoryCredentials.PASSWORD);
                }
                String[] common = {"probe", "--truststore", trust.toString(), "--truststore-password",
                    new String(InMemoryCredentials.PASSWORD)};
                CliRun hybrid = CliRun.run(concat(common, "--require", "hybrid", "wss://localhost:" + server.port()
                        + "/pqws/echo"));
                assertEquals(0, hybrid.exitCode(), hybrid.err());
                assertTrue(hybrid.out().contains("--require hybrid     met"), hybrid.out());

                CliRun hybridOnly = CliRun.run(concat(common, "--require", "hybrid-only", "--json",
                        "localhost:" + server.port()));
                assertEquals(PqwsClient.POLICY_FAILED, hybridOnly.exitCode(), hybridOnly.err());
                JsonObject json = Json.createReader(new StringReader(hybridOnly.out())).readObject();
                assertFalse(json.getJsonObject("requirement").getBoolean("met"));
                assertTrue(json.getBoolean("acceptsClassicOnlyClients"));
                assertEquals(List.of("pqws-client: localhost:" + server.port() + " does not meet --require "
                        + "hybrid-only: a client without a hybrid group was served with x25519 (TLSv1.3)"),
                        hybridOnly.errLines());
            } finally {
                java.nio.file.Files.delete(trust);
            }
        }
    }

    @Test
    void anUntrustedServerIsReportedWithItsChainAndExitsTwo() throws Exception {
        InMemoryCredentials stranger = InMemoryCredentials.ecdsaP256Localhost();
        try (TestWssServer server = TestWssServer.echo(stranger.keyManagers("PKIX", TestWssServer.JSSE),
                List.of("X25519MLKEM768", "x25519", "secp256r1"))) {
            ProbeReport report = probe(server.port());
            assertFalse(report.reachable());
            assertTrue(report.hybridShareFirst().failure().startsWith("the client refused: certificate_unknown"),
                    report.hybridShareFirst().failure());
            assertEquals("EC P-256", report.chain().get(0).publicKey(), "the chain is reported although untrusted");

            ProbeReport insecure = new ServerProbe(null, true, WAIT).probe("localhost", server.port());
            assertTrue(insecure.servesHybrid(), "control: with --insecure the same server is probed");

            CliRun run = CliRun.run("probe", "localhost:" + server.port());
            assertEquals(PqwsClient.CONNECTION_FAILED, run.exitCode(), run.err());
        }
    }

    @Test
    void aClosedPortIsAConnectionFailure() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        CliRun run = CliRun.run("probe", "--timeout", "5", "127.0.0.1:" + port);
        assertEquals(PqwsClient.CONNECTION_FAILED, run.exitCode());
        assertEquals(List.of("pqws-client: connection refused by 127.0.0.1:" + port), run.errLines());
    }

    @Test
    void aPlainUrlIsAUsageError() {
        CliRun run = CliRun.run("probe", "ws://localhost:8080/pqws/echo");
        assertEquals(PqwsClient.USAGE, run.exitCode());
        assertTrue(run.err().contains("probe needs a TLS server"), run.err());
    }

    /** OpenSSL 3.5 as the server: the independent check of the probe's verdicts. */
    @Nested
    class AgainstOpenSsl {

        private final OpenSslPeer openssl = OpenSslPeer.installed();

        @BeforeEach
        void requirePeer() {
            assumeTrue(openssl.available(), "no OpenSSL 3.5 chroot at " + openssl.chroot()
                    + ": run src/it/peers/install-peers.sh");
        }

        @Test
        void sServerWithOnlyX25519MLKEM768IsHybridOnly() throws Exception {
            try (OpenSslPeer.Server server = openssl.server(SERVER.certificate(), SERVER.privateKey(),
                    "X25519MLKEM768", WAIT)) {
                ProbeReport report = probe(server.port());

                assertTrue(report.accepts("X25519MLKEM768"), server::output);
                assertFalse(report.accepts("SecP256r1MLKEM768"));
                assertFalse(report.classicOnly().completed());
                assertTrue(report.classicOnly().failure().contains("handshake_failure"),
                        report.classicOnly().failure());
                assertTrue(report.hybridOnly());
                assertTrue(report.meets(ProbeReport.Requirement.HYBRID_ONLY));
                assertFalse(report.hybridShareFirst().helloRetryRequest());
                assertTrue(report.classicShareOnly().helloRetryRequest(), "an x25519 share gets a retry");
                assertEquals("X25519MLKEM768", report.classicShareOnly().helloRetryGroup());
            }
        }

        @Test
        void sServerWithOnlyX25519ServesNoHybrid_control() throws Exception {
            try (OpenSslPeer.Server server = openssl.server(SERVER.certificate(), SERVER.privateKey(), "x25519",
                    WAIT)) {
                ProbeReport report = probe(server.port());

                assertFalse(report.accepts("X25519MLKEM768"), server::output);
                assertFalse(report.servesHybrid());
                assertEquals("x25519", report.hybridShareFirst().namedGroup());
                assertTrue(report.hybridShareFirst().helloRetryRequest(), "the hybrid share is of no use here");
                assertEquals("x25519", report.hybridShareFirst().helloRetryGroup());
                assertTrue(report.classicOnly().completed());
                assertFalse(report.meets(ProbeReport.Requirement.HYBRID));
                assertEquals("a hybrid-capable client got x25519, not a hybrid group",
                        report.shortfall(ProbeReport.Requirement.HYBRID));
            }
        }
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
