package io.pqws.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.pqws.tls.NamedGroups;

/**
 * Proves the independent TLS peers against an in-JVM BCJSSE server ({@link GroupEchoServer}): each peer must
 * negotiate X25519MLKEM768, and the group both sides report must come from the handshake (positive controls with
 * classic-only offers), with pass/fail pairs for certificate checks.
 *
 * <p>The tests skip (assumption) when a peer is not installed, only because a developer machine may lack it; CI runs
 * {@code src/it/peers/install-peers.sh} first, so there they always run.
 */
class PeersSmokeTest {

    private static final InMemoryCredentials SERVER = InMemoryCredentials.ecdsaP256Localhost();
    private static final String[] SERVER_GROUPS = {NamedGroups.X25519_MLKEM768, "x25519", "secp256r1"};
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Nested
    class OpenSslClient {

        private final OpenSslPeer openssl = OpenSslPeer.installed();

        @BeforeEach
        void requirePeer() {
            assumeTrue(openssl.available(), "no OpenSSL 3.5 chroot at " + openssl.chroot()
                    + ": run src/it/peers/install-peers.sh");
        }

        @Test
        void negotiatesX25519MLKEM768() throws Exception {
            try (GroupEchoServer server = new GroupEchoServer(SERVER, null, SERVER_GROUPS)) {
                OpenSslPeer.Result result = openssl.connect(OpenSslPeer.Request.to(server.port())
                        .groups("X25519MLKEM768").trusting(SERVER.certificate()));

                assertTrue(result.handshakeCompleted(), result.output());
                assertEquals("TLSv1.3", result.protocol(), result.output());
                assertEquals(NamedGroups.X25519_MLKEM768, result.group(), result.output());
                assertTrue(result.verified(), result.output());
                assertEquals(0, result.exitCode(), result.output());
                assertEquals(NamedGroups.X25519_MLKEM768, serverGroup(server));
            }
        }

        @Test
        void negotiatesX25519WhenOnlyThatIsOffered_positiveControl() throws Exception {
            try (GroupEchoServer server = new GroupEchoServer(SERVER, null, SERVER_GROUPS)) {
                OpenSslPeer.Result result = openssl.connect(OpenSslPeer.Request.to(server.port())
                        .groups("x25519").trusting(SERVER.certificate()));

                assertTrue(result.handshakeCompleted(), result.output());
                assertEquals("x25519", result.group(), result.output());
                assertEquals("x25519", serverGroup(server));
            }
        }

        @Test
        void failsWithoutACommonGroup() throws Exception {
            try (GroupEchoServer server = new GroupEchoServer(SERVER, null, SERVER_GROUPS)) {
                OpenSslPeer.Result result = openssl.connect(OpenSslPeer.Request.to(server.port())
                        .groups("secp384r1").trusting(SERVER.certificate()));

                assertFalse(result.handshakeCompleted(), result.output());
                assertNull(result.group(), result.output());
                assertEquals(1, result.exitCode(), result.output());
                assertNotNull(server.failures().poll(WAIT.toSeconds(), TimeUnit.SECONDS), "server saw no failure");
            }
        }

        @Test
        void reportsAnUntrustedCertificate() throws Exception {
            try (GroupEchoServer server = new GroupEchoServer(SERVER, null, SERVER_GROUPS)) {
                OpenSslPeer.Result result = openssl.connect(OpenSslPeer.Request.to(server.port())
                        .groups("X25519MLKEM768"));

                assertTrue(result.handshakeCompleted(), result.output());
                assertFalse(result.verified(), result.output());
                assertEquals("self-signed certificate", result.verification(), result.output());
            }
        }

        @Test
        void authenticatesWithAClientCertificate() throws Exception {
            InMemoryCredentials client = InMemoryCredentials.ecdsaP256Localhost();
            try (GroupEchoServer server = new GroupEchoServer(SERVER, client, SERVER_GROUPS)) {
                OpenSslPeer.Result result = openssl.connect(OpenSslPeer.Request.to(server.port())
                        .groups("X25519MLKEM768").trusting(SERVER.certificate())
                        .clientCertificate(client.certificate(), client.privateKey()));

                assertTrue(result.handshakeCompleted(), result.output());
                assertEquals(NamedGroups.X25519_MLKEM768, serverGroup(server), result.output());
                assertTrue(server.failures().isEmpty(), () -> "server failures: " + server.failures());
            }
        }

        @Test
        void isRejectedWithoutTheRequiredClientCertificate() throws Exception {
            InMemoryCredentials client = InMemoryCredentials.ecdsaP256Localhost();
            try (GroupEchoServer server = new GroupEchoServer(SERVER, client, SERVER_GROUPS)) {
                OpenSslPeer.Result result = openssl.connect(OpenSslPeer.Request.to(server.port())
                        .groups("X25519MLKEM768").trusting(SERVER.certificate()));

                // In TLS 1.3 the client finishes before the server judges its (absent) certificate.
                assertNotNull(server.failures().poll(WAIT.toSeconds(), TimeUnit.SECONDS),
                        "server accepted a client without a certificate:\n" + result.output());
                assertTrue(server.groups().isEmpty(), () -> "server completed: " + server.groups());
            }
        }

        private String serverGroup(GroupEchoServer server) throws InterruptedException {
            String group = server.groups().poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(group, () -> "server completed no handshake; failures: " + server.failures());
            return group;
        }
    }

    @Nested
    class ChromiumClient {

        @BeforeEach
        void requirePeer() {
            assumeTrue(HeadlessChromium.available(), "no " + HeadlessChromium.CHROMIUM + " / "
                    + HeadlessChromium.CHROMEDRIVER + ": run src/it/peers/install-peers.sh");
        }

        @Test
        void loadsAPageOverX25519MLKEM768() throws Exception {
            try (GroupEchoServer server = new GroupEchoServer(SERVER, null, SERVER_GROUPS);
                    HeadlessChromium chromium = HeadlessChromium.start(SERVER.certificate())) {
                assertEquals(NamedGroups.X25519_MLKEM768, groupShownBy(chromium.driver(), server.port()));
            }
        }

        @Test
        void getsX25519FromAServerWithoutTheHybrid_positiveControl() throws Exception {
            try (GroupEchoServer server = new GroupEchoServer(SERVER, null, "x25519", "secp256r1");
                    HeadlessChromium chromium = HeadlessChromium.start(SERVER.certificate())) {
                assertEquals("x25519", groupShownBy(chromium.driver(), server.port()));
            }
        }

        @Test
        void refusesACertificateWhoseKeyIsNotPinned() throws Exception {
            InMemoryCredentials stranger = InMemoryCredentials.ecdsaP256Localhost();
            try (GroupEchoServer server = new GroupEchoServer(stranger, null, SERVER_GROUPS);
                    HeadlessChromium chromium = HeadlessChromium.start(SERVER.certificate())) {
                WebDriver driver = chromium.driver();
                driver.get("https://localhost:" + server.port() + "/");
                new WebDriverWait(driver, WAIT)
                        .withMessage(() -> "no certificate error shown; page source:\n" + driver.getPageSource())
                        .until(d -> d.getPageSource().contains("ERR_CERT_AUTHORITY_INVALID"));
                assertTrue(driver.findElements(By.id(GroupEchoServer.GROUP_ELEMENT_ID)).isEmpty());
                assertNotNull(server.failures().poll(WAIT.toSeconds(), TimeUnit.SECONDS),
                        "server saw no failed handshake");
                assertTrue(server.groups().isEmpty(), () -> "server completed: " + server.groups());
            }
        }

        /** Loads the server's page and returns the group it shows, which the server read from its own socket. */
        private String groupShownBy(WebDriver driver, int port) {
            driver.get("https://localhost:" + port + "/");
            return new WebDriverWait(driver, WAIT)
                    .withMessage(() -> "no #group element; page source:\n" + driver.getPageSource())
                    .until(ExpectedConditions.presenceOfElementLocated(By.id(GroupEchoServer.GROUP_ELEMENT_ID)))
                    .getText();
        }
    }
}
