package io.pqws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;

import io.pqws.testsupport.InMemoryCredentials;

/** The client library against a real in-JVM BCJSSE wss server: what was negotiated, and what was refused. */
class WssClientTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final InMemoryCredentials SERVER = InMemoryCredentials.ecdsaP256Localhost();
    private static final List<String> SERVER_GROUPS = List.of("X25519MLKEM768", "x25519", "secp256r1");
    private static final int X25519MLKEM768 = 0x11EC;
    private static final int X25519 = 0x001D;

    private static ClientTlsSettings trusting(TlsProfile profile) {
        return ClientTlsSettings.of(profile).withTrustStore(SERVER.trustStore());
    }

    @Test
    void hybridProfileNegotiatesX25519MLKEM768InTheFirstClientHello() throws Exception {
        try (TestWssServer server = TestWssServer.echo(SERVER.keyManagers("PKIX", TestWssServer.JSSE), SERVER_GROUPS);
                ClientHelloRecorder wire = new ClientHelloRecorder(server.port());
                WssConnection connection = new WssClient(trusting(TlsProfile.HYBRID))
                        .connect(URI.create("wss://127.0.0.1:" + wire.port() + "/pqws/echo"), WAIT)) {
            HandshakeReport report = connection.handshake();
            assertEquals("TLSv1.3", report.protocol());
            assertEquals("X25519MLKEM768", report.namedGroup());
            assertTrue(report.hybrid());
            assertEquals("CN=localhost", report.serverSubject());
            assertEquals("CN=localhost", report.serverIssuer());
            assertEquals("X25519MLKEM768", server.nextAccepted(WAIT).namedGroup());
            assertEquals(List.of(List.of(X25519MLKEM768)), wire.clientHelloKeyShares(),
                    "one ClientHello, already carrying the hybrid share: no HelloRetryRequest");

            connection.sendText("hello");
            assertEquals(new WsMessage.Text("hello"), connection.nextMessage(WAIT));
        }
    }

    @Test
    void providerDefaultKeySharesCostAHelloRetryRequest_positiveControl() throws Exception {
        ClientTlsSettings bcDefaults = trusting(TlsProfile.HYBRID).withEarlyKeyShares(List.of());
        try (TestWssServer server = TestWssServer.echo(SERVER.keyManagers("PKIX", TestWssServer.JSSE), SERVER_GROUPS);
                ClientHelloRecorder wire = new ClientHelloRecorder(server.port());
                WssConnection connection = new WssClient(bcDefaults)
                        .connect(URI.create("wss://127.0.0.1:" + wire.port() + "/pqws/echo"), WAIT)) {
            assertEquals("X25519MLKEM768", connection.handshake().namedGroup());
            assertEquals(List.of(List.of(X25519), List.of(X25519MLKEM768)), wire.clientHelloKeyShares(),
                    "BC's default share is x25519, so the server must ask again for the hybrid one");
        }
    }

    @Test
    void classicProfileNegotiatesX25519WithoutMlKem() throws Exception {
        try (TestWssServer server = TestWssServer.echo(SERVER.keyManagers("PKIX", TestWssServer.JSSE), SERVER_GROUPS);
                WssConnection connection = new WssClient(trusting(TlsProfile.CLASSIC))
                        .connect(URI.create(server.url("127.0.0.1")), WAIT)) {
            assertEquals("x25519", connection.handshake().namedGroup());
            assertFalse(connection.handshake().hybrid());
        }
    }

    @Test
    void hybridOnlyRefusesAServerWithoutHybridGroups() throws Exception {
        try (TestWssServer server = TestWssServer.echo(SERVER.keyManagers("PKIX", TestWssServer.JSSE),
                List.of("x25519", "secp256r1"))) {
            WssClientException refused = assertThrows(WssClientException.class,
                    () -> new WssClient(trusting(TlsProfile.HYBRID_ONLY)).connect(URI.create(server.url("127.0.0.1")), WAIT));
            assertEquals(WssClientException.Kind.POLICY, refused.kind());
            assertEquals("negotiated key exchange secp256r1 is not hybrid post-quantum; refused by the hybrid-only policy",
                    refused.getMessage());
            assertEquals("secp256r1", server.nextAccepted(WAIT).namedGroup());
        }
    }

    @Test
    void untrustedServerCertificateIsRefused() throws Exception {
        ClientTlsSettings otherCa = ClientTlsSettings.of(TlsProfile.HYBRID)
                .withTrustStore(InMemoryCredentials.ecdsaP256Localhost().trustStore());
        try (TestWssServer server = TestWssServer.echo(SERVER.keyManagers("PKIX", TestWssServer.JSSE), SERVER_GROUPS)) {
            WssClientException refused = assertThrows(WssClientException.class,
                    () -> new WssClient(otherCa).connect(URI.create(server.url("127.0.0.1")), WAIT));
            assertEquals(WssClientException.Kind.TLS, refused.kind());
            assertEquals("server certificate not trusted (no path to a trust anchor; check --truststore)",
                    refused.getMessage());
        }
    }

    @Test
    void hostnameMismatchIsRefusedByDefaultAndAcceptedWhenVerificationIsOff() throws Exception {
        PeerCredentials elsewhere = PeerCredentials.selfSigned("CN=elsewhere",
                new GeneralName(GeneralName.dNSName, "elsewhere.invalid"));
        ClientTlsSettings settings = ClientTlsSettings.of(TlsProfile.HYBRID)
                .withTrustStore(PeerCredentials.trustStoreOf(elsewhere.certificate()));
        try (TestWssServer server = TestWssServer.echo(elsewhere.keyManagers(), SERVER_GROUPS)) {
            WssClientException refused = assertThrows(WssClientException.class,
                    () -> new WssClient(settings).connect(URI.create(server.url("127.0.0.1")), WAIT));
            assertEquals(WssClientException.Kind.TLS, refused.kind());
            assertEquals("server certificate does not match host '127.0.0.1' (no subject alternative name found "
                    + "matching IP address 127.0.0.1); use a name from its subjectAltName", refused.getMessage());

            try (WssConnection accepted = new WssClient(settings.withHostnameVerification(false))
                    .connect(URI.create(server.url("127.0.0.1")), WAIT)) {
                assertEquals("CN=elsewhere", accepted.handshake().serverSubject());
            }
        }
    }

    @Test
    void mutualTlsPresentsTheClientCertificate() throws Exception {
        PeerCredentials alice = PeerCredentials.selfSigned("CN=alice, O=pqws dev");
        ClientTlsSettings settings = trusting(TlsProfile.HYBRID).withClientCertificate(
                new ClientTlsSettings.ClientCertificate(alice.keyStore(), PeerCredentials.PASSWORD));
        try (TestWssServer server = TestWssServer.echoWithClientAuth(SERVER.keyManagers("PKIX", TestWssServer.JSSE),
                alice.trustManagers(), SERVER_GROUPS);
                WssConnection connection = new WssClient(settings).connect(URI.create(server.url("127.0.0.1")), WAIT)) {
            assertEquals("CN=alice,O=pqws dev", server.nextAccepted(WAIT).clientPrincipal());
            connection.sendBinary(new byte[] {1, 2, 3});
            assertEquals(new WsMessage.Binary(new byte[] {1, 2, 3}), connection.nextMessage(WAIT));
        }
    }

    @Test
    void missingClientCertificateFailsTheHandshake_negativeOfTheMutualTlsPair() throws Exception {
        PeerCredentials alice = PeerCredentials.selfSigned("CN=alice, O=pqws dev");
        try (TestWssServer server = TestWssServer.echoWithClientAuth(SERVER.keyManagers("PKIX", TestWssServer.JSSE),
                alice.trustManagers(), SERVER_GROUPS)) {
            long start = System.nanoTime();
            WssClient client = new WssClient(trusting(TlsProfile.HYBRID));
            URI uri = URI.create(server.url("127.0.0.1"));
            WssClientException refused = assertThrows(WssClientException.class, () -> client.connect(uri, WAIT));
            assertEquals(WssClientException.Kind.TLS, refused.kind(), refused.getMessage());
            assertEquals("TLS handshake failed: the server rejected the client certificate or its absence "
                    + "(received fatal alert certificate_required; see --cert)", refused.getMessage());
            assertTrue(server.nextAccepted(WAIT).handshakeError() != null);
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(WAIT) < 0,
                    "fails on the server's alert, not on the timeout");
        }
    }

    @Test
    void serverCloseIsReportedWithCodeAndReason() throws Exception {
        try (TestWssServer server = TestWssServer.closingAfterUpgrade(SERVER.keyManagers("PKIX", TestWssServer.JSSE),
                SERVER_GROUPS, 1008, "origin not allowed");
                WssConnection connection = new WssClient(trusting(TlsProfile.HYBRID))
                        .connect(URI.create(server.url("127.0.0.1")), WAIT)) {
            CloseStatus status = connection.awaitClose(WAIT).orElseThrow();
            assertEquals(new CloseStatus(1008, "origin not allowed", true), status);
            WssClientException closed = assertThrows(WssClientException.class, () -> connection.nextMessage(WAIT));
            assertEquals(WssClientException.Kind.CLOSED, closed.kind());
            assertEquals("server closed the connection: 1008 origin not allowed", closed.getMessage());
        }
    }

    /**
     * Undertow closes the connection right behind its close frame, and frame and close_notify often arrive in one
     * read, from which Grizzly passes nothing on: Tyrus then says 1006. The client reports the server's own code.
     */
    @Test
    void aCloseFrameThatArrivesTogetherWithTheServersCloseIsReportedWithItsCode() throws Exception {
        try (TestWssServer server = TestWssServer.closingAtOnceAfterUpgrade(
                SERVER.keyManagers("PKIX", TestWssServer.JSSE), SERVER_GROUPS, 1009, "message too big")) {
            for (int attempt = 0; attempt < 3; attempt++) {
                try (WssConnection connection = new WssClient(trusting(TlsProfile.HYBRID))
                        .connect(URI.create(server.url("127.0.0.1")), WAIT)) {
                    connection.sendText("x".repeat(100));
                    assertEquals(new CloseStatus(1009, "message too big", true),
                            connection.awaitClose(WAIT).orElseThrow());
                }
            }
        }
    }

    @Test
    void aRefusedUpgradeNamesTheStatusAndTheHeadersOfTheAnswer() throws Exception {
        try (TestWssServer server = TestWssServer.refusing(SERVER.keyManagers("PKIX", TestWssServer.JSSE),
                SERVER_GROUPS, "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nX-Powered-By: Servlet/6.0\r\n\r\nnot found")) {
            WssClient client = new WssClient(trusting(TlsProfile.HYBRID));
            URI uri = URI.create(server.url("127.0.0.1"));
            WssClientException refused = assertThrows(WssClientException.class, () -> client.connect(uri, WAIT));
            assertEquals(WssClientException.Kind.CONNECT, refused.kind());
            assertEquals("WebSocket upgrade refused: HTTP 404 for /pqws/echo (content-length: 9; "
                    + "x-powered-by: Servlet/6.0)", refused.getMessage(), "header names as Grizzly hands them over");
        }
    }

    /**
     * Undertow (WildFly) answers a refused upgrade with {@code Connection: close}, and the answer and the server's
     * close_notify often arrive in one read, from which Grizzly's TLS filter passes nothing on. The client still names
     * the answer, at once rather than after its timeout.
     */
    @Test
    void aRefusalThatArrivesTogetherWithTheServersCloseIsStillNamed() throws Exception {
        try (TestWssServer server = TestWssServer.refusingAndClosing(SERVER.keyManagers("PKIX", TestWssServer.JSSE),
                SERVER_GROUPS, "HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 9\r\n\r\nforbidden")) {
            WssClient client = new WssClient(trusting(TlsProfile.HYBRID));
            URI uri = URI.create(server.url("127.0.0.1"));
            for (int attempt = 0; attempt < 3; attempt++) {
                WssClientException refused = assertThrows(WssClientException.class, () -> client.connect(uri, WAIT));
                assertEquals("WebSocket upgrade refused: HTTP 403 for /pqws/echo (connection: close; "
                        + "content-length: 9)", refused.getMessage());
                assertEquals(WssClientException.Kind.CONNECT, refused.kind());
            }
        }
    }

    @Test
    void closeIsAcknowledgedAndMarkedAsOurs() throws Exception {
        try (TestWssServer server = TestWssServer.echo(SERVER.keyManagers("PKIX", TestWssServer.JSSE), SERVER_GROUPS)) {
            WssConnection connection = new WssClient(trusting(TlsProfile.HYBRID))
                    .connect(URI.create(server.url("127.0.0.1")), WAIT);
            connection.close();
            assertFalse(connection.isOpen());
            assertEquals(new CloseStatus(1000, "", false), connection.closeStatus().orElseThrow());
        }
    }

    @Test
    void refusedConnectionHasAOneLineReason() throws Exception {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            freePort = probe.getLocalPort();
        }
        WssClientException refused = assertThrows(WssClientException.class, () -> new WssClient(
                trusting(TlsProfile.HYBRID)).connect(URI.create("wss://127.0.0.1:" + freePort + "/"), WAIT));
        assertEquals(WssClientException.Kind.CONNECT, refused.kind());
        assertEquals("connection refused by 127.0.0.1:" + freePort, refused.getMessage());
    }

    @Test
    void silentServerTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            long start = System.nanoTime();
            WssClientException timedOut = assertThrows(WssClientException.class, () -> new WssClient(
                    trusting(TlsProfile.HYBRID)).connect(URI.create("wss://127.0.0.1:" + silent.getLocalPort() + "/"),
                            Duration.ofMillis(700)));
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertEquals(WssClientException.Kind.TIMEOUT, timedOut.kind(), timedOut.getMessage());
            assertEquals("no WebSocket connection to 127.0.0.1:" + silent.getLocalPort() + " within 700 ms",
                    timedOut.getMessage());
            assertTrue(millis < 5_000, "bounded by the timeout, took " + millis + " ms");
        }
    }

    @Test
    void serverSilentAfterTheTlsHandshakeTimesOutWithAHint() throws Exception {
        try (TestWssServer server = TestWssServer.muteAfterTls(SERVER.keyManagers("PKIX", TestWssServer.JSSE),
                SERVER_GROUPS)) {
            WssClientException timedOut = assertThrows(WssClientException.class, () -> new WssClient(
                    trusting(TlsProfile.HYBRID)).connect(URI.create(server.url("127.0.0.1")), Duration.ofMillis(700)));
            assertEquals(WssClientException.Kind.TIMEOUT, timedOut.kind());
            assertTrue(timedOut.getMessage().startsWith("no WebSocket upgrade response from 127.0.0.1:" + server.port()
                    + " within 700 ms after the TLS handshake"), timedOut.getMessage());
        }
    }

    @Test
    void plainClientReportsNoTls() {
        HandshakeReport plain = HandshakeReport.plain(3);
        assertFalse(plain.secure());
        assertNull(plain.namedGroup());
    }

    @Test
    void originAndSubprotocolsAreSentAndTheChosenOneIsReported() throws Exception {
        try (TestWssServer server = TestWssServer.plainEcho()) {
            HandshakeOptions options = HandshakeOptions.none().withOrigin("https://portal.example.com")
                    .withSubprotocols(List.of("pqws.v1", "pqws.ticket.t0k3n"));
            try (WssConnection connection = new WssClient(trusting(TlsProfile.HYBRID))
                    .connect(URI.create(server.url("127.0.0.1")), WAIT, options)) {
                assertEquals("pqws.v1", connection.subprotocol());
            }
            String head = server.nextUpgradeRequest(WAIT);
            assertEquals(List.of("https://portal.example.com"), header(head, "origin"), head);
            assertEquals(List.of("pqws.v1, pqws.ticket.t0k3n"), header(head, "sec-websocket-protocol"), head);
        }
    }

    @Test
    void withoutOptionsTheOriginIsTheServersOwnAndNoSubprotocolIsOffered_positiveControl() throws Exception {
        try (TestWssServer server = TestWssServer.plainEcho();
                WssConnection connection = new WssClient(trusting(TlsProfile.HYBRID))
                        .connect(URI.create(server.url("127.0.0.1")), WAIT)) {
            assertEquals("", connection.subprotocol());
            String head = server.nextUpgradeRequest(WAIT);
            assertEquals(List.of("http://127.0.0.1:" + server.port()), header(head, "origin"), head);
            assertEquals(List.of(), header(head, "sec-websocket-protocol"), head);
        }
    }

    private static List<String> header(String head, String lowerCaseName) {
        return head.lines().filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith(lowerCaseName + ":"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).toList();
    }
}
