package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.pqws.client.CertificateSummary;
import io.pqws.client.ClientHelloOffer;
import io.pqws.client.HandshakeOutcome;
import io.pqws.client.ProbeReport;
import io.pqws.client.ServerProbe;
import io.pqws.client.TlsHandshaker;
import io.pqws.client.TlsProfile;
import io.pqws.client.WssClient;
import io.pqws.client.WssConnection;
import io.pqws.testsupport.HeadlessChromium;
import io.pqws.testsupport.OpenSslPeer;

/**
 * The {@code hybrid-mldsa} profile: one Payara Micro with the ECDSA P-256 and the ML-DSA-65 server chains. On the
 * second listener Bouncy Castle picks the chain by the client's {@code signature_algorithms}: our BC client listing
 * ML-DSA gets the ML-DSA chain (with X25519MLKEM768: a fully post-quantum handshake), without it the ECDSA chain; OpenSSL
 * 3.5 and Chromium 156, which both list ML-DSA by default, get the ML-DSA chain, and each verifies it when it trusts
 * the ML-DSA CA. A browser that trusts only the classic CA therefore fails there, which is why the main listener always
 * presents the ECDSA chain: Chromium connects to it, and so do all clients. This container also restricts the operator
 * pages to TEST-NET-1, so a loopback client is refused.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HybridMlDsaProfileIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ClientHelloOffer HYBRID = ClientHelloOffer.tls13("X25519MLKEM768", "x25519", "secp256r1");
    private static final ClientHelloOffer HYBRID_ML_DSA = HYBRID.withSignatureSchemes(ClientHelloOffer.ML_DSA_FIRST);

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive war() {
        return PqwsServer.builtWar();
    }

    @BeforeAll
    static void runsUnderHybridMlDsa() {
        assertEquals("hybrid-mldsa", PqwsServer.profile());
    }

    private static HandshakeOutcome handshake(int port, ClientHelloOffer offer) throws Exception {
        return new TlsHandshaker(PqwsServer.trustStore(), false, WAIT).handshake("localhost", port, offer);
    }

    private static List<String> keys(HandshakeOutcome outcome) {
        return outcome.chain().stream().map(CertificateSummary::publicKey).toList();
    }

    @Test
    void aBcClientThatListsMlDsaGetsAFullyPostQuantumHandshakeOnThePqListener() throws Exception {
        HandshakeOutcome outcome = handshake(PqwsServer.pqHttpsPort(), HYBRID_ML_DSA);

        assertTrue(outcome.completed(), outcome.failure());
        assertEquals("X25519MLKEM768", outcome.namedGroup(), "post-quantum key exchange");
        assertEquals(List.of("ML-DSA-65", "ML-DSA-65"), keys(outcome), "post-quantum authentication: leaf and CA");
        assertEquals("ML-DSA-65", outcome.chain().get(0).signatureAlgorithm());
        assertTrue(outcome.chain().stream().allMatch(CertificateSummary::postQuantum));
    }

    @Test
    void aBcClientWithoutMlDsaGetsTheEcdsaChainOnThePqListener_control() throws Exception {
        HandshakeOutcome outcome = handshake(PqwsServer.pqHttpsPort(), HYBRID);
        assertTrue(outcome.completed(), outcome.failure());
        assertEquals(List.of("EC P-256", "EC P-256"), keys(outcome));

        URI pqTls = URI.create("wss://localhost:" + PqwsServer.pqHttpsPort() + "/" + PqwsServer.CONTEXT + "/tls");
        try (WssConnection connection = new WssClient(PqwsServer.client(TlsProfile.HYBRID)).connect(pqTls, WAIT)) {
            assertEquals("X25519MLKEM768", ServerTls.of(connection).namedGroup(), "the module works on both listeners");
        }
    }

    @Test
    void theMainListenerPresentsTheEcdsaChainEvenToMlDsaClients() throws Exception {
        HandshakeOutcome outcome = handshake(PqwsServer.httpsPort(), HYBRID_ML_DSA);
        assertTrue(outcome.completed(), outcome.failure());
        assertEquals(List.of("EC P-256", "EC P-256"), keys(outcome));
    }

    @Test
    void openSsl35GetsTheMlDsaChainByDefaultAndTheEcdsaChainWithoutMlDsa() throws Exception {
        OpenSslPeer openssl = OpenSslPeer.installed();
        OpenSslPeer.Result mlDsa = openssl.connect(OpenSslPeer.Request.to(PqwsServer.pqHttpsPort())
                .trusting(PqwsServer.mlDsaCaCertificate()));
        assertTrue(mlDsa.handshakeCompleted(), mlDsa.toString());
        assertEquals("mldsa65", mlDsa.signatureType(), mlDsa.output());
        assertTrue(mlDsa.verified(), "OpenSSL verified the ML-DSA chain to the ML-DSA CA: " + mlDsa.output());
        assertEquals("X25519MLKEM768", mlDsa.group());

        OpenSslPeer.Result ecdsa = openssl.connect(OpenSslPeer.Request.to(PqwsServer.pqHttpsPort())
                .trusting(PqwsServer.caCertificate())
                .signatureAlgorithms("ecdsa_secp256r1_sha256:rsa_pss_rsae_sha256:ed25519"));
        assertTrue(ecdsa.handshakeCompleted(), ecdsa.toString());
        assertEquals("ecdsa_secp256r1_sha256", ecdsa.signatureType(), ecdsa.output());
        assertTrue(ecdsa.verified(), ecdsa.output());

        OpenSslPeer.Result main = openssl.connect(OpenSslPeer.Request.to(PqwsServer.httpsPort())
                .trusting(PqwsServer.caCertificate()));
        assertEquals("ecdsa_secp256r1_sha256", main.signatureType(), "main listener: " + main.output());
        assertTrue(main.verified(), main.output());
    }

    @Test
    void chromiumConnectsToTheMainListenerWithTheEcdsaChain() throws Exception {
        // Chromium trusts exactly the ECDSA server key: were it served the ML-DSA chain, the page would not load.
        try (HeadlessChromium chromium = HeadlessChromium.start(PqwsServer.serverCertificate())) {
            PageVerdict page = PageVerdict.load(chromium, PqwsServer.https("").toString());
            assertEquals("safe", page.state(), page.toString());
            assertEquals("X25519MLKEM768", page.group());
        }
    }

    @Test
    void chromiumListsMlDsaSoThePqListenerServesItTheMlDsaChain() throws Exception {
        String pqPage = "https://localhost:" + PqwsServer.pqHttpsPort() + "/" + PqwsServer.CONTEXT + "/";
        // Trusting the ML-DSA server key, Chromium verifies the ML-DSA chain: a fully post-quantum browser connection.
        try (HeadlessChromium chromium = HeadlessChromium.start(PqwsServer.mlDsaServerCertificate())) {
            PageVerdict page = PageVerdict.load(chromium, pqPage);
            assertEquals("safe", page.state(), page.toString());
            assertEquals("X25519MLKEM768", page.group());
        }
        // Trusting only the ECDSA key, as a browser trusting only classic roots: it is still served ML-DSA, and fails.
        try (HeadlessChromium chromium = HeadlessChromium.start(PqwsServer.serverCertificate())) {
            WebDriver driver = chromium.driver();
            driver.get(pqPage);
            new WebDriverWait(driver, Duration.ofSeconds(20))
                    .withMessage(() -> "no certificate error; page source:\n" + driver.getPageSource())
                    .until(d -> d.getPageSource().contains("ERR_CERT_AUTHORITY_INVALID"));
        }
    }

    @Test
    void theProbeReportsBothChainsOnThePqListenerAndOneOnTheMain() throws Exception {
        ProbeReport pq = new ServerProbe(PqwsServer.trustStore(), false, WAIT).probe("localhost",
                PqwsServer.pqHttpsPort());
        assertTrue(pq.mlDsaChainOffered());
        assertEquals("EC P-256", pq.chain().get(0).publicKey());
        assertEquals("ML-DSA-65", pq.mlDsaClient().chain().get(0).publicKey());
        assertTrue(pq.meets(ProbeReport.Requirement.HYBRID));

        ProbeReport main = ProbeIT.probe();
        assertTrue(!main.mlDsaChainOffered() && main.meets(ProbeReport.Requirement.HYBRID), main.toString());
    }

    @Test
    void operatorPagesAreRefusedToALoopbackClientThatIsNotAllowed() throws Exception {
        OperatorHttp http = new OperatorHttp(PqwsServer.http(base, ""));
        for (String page : List.of("api/metrics", "api/status", "status.html", "status.js")) {
            HttpResponse<String> response = http.get(page);
            assertEquals(403, response.statusCode(), page);
            assertTrue(response.body().contains("pqws.operator.allowed-clients"), response.body());
        }
        assertEquals(200, http.get("index.html").statusCode(), "control: the user's page is not an operator page");
        assertEquals(200, http.get("api/tls").statusCode(), "control: nor is the TLS report");
    }
}
