package io.pqws.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jcajce.util.JcaJceHelper;
import org.junit.jupiter.api.Test;

import io.pqws.testsupport.InMemoryCredentials;

/**
 * Where the client's BCJSSE gets its algorithms, and which cipher suite it ends up with. Fails if a BC upgrade
 * changes how {@code JcaTlsCryptoProvider} hands out its helper, or if the JDK stops providing what it provides today.
 */
class BcTlsCryptoTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final InMemoryCredentials SERVER = InMemoryCredentials.ecdsaP256Localhost();

    @Test
    void symmetricPrimitivesComeFromTheJdkAndPublicKeyOnesFromBouncyCastle() throws Exception {
        JcaJceHelper helper = new JdkSymmetricCryptoProvider(new BouncyCastleProvider()).getHelper();
        assertEquals("SunJCE", helper.createCipher("AES/GCM/NoPadding").getProvider().getName());
        assertEquals("SunJCE", helper.createMac("HmacSHA384").getProvider().getName());
        assertEquals("SUN", helper.createMessageDigest("SHA-256").getProvider().getName());
        assertEquals("BC", helper.createCipher("ChaCha7539").getProvider().getName(),
                "BCJSSE asks for ChaCha20 by BC's own name, which the JDK does not know");
        assertEquals("BC", helper.createSignature("NONEwithECDSA").getProvider().getName());
        assertEquals("BC", helper.createKeyAgreement("X25519").getProvider().getName());
        assertEquals("BC", helper.createKeyPairGenerator("ML-KEM").getProvider().getName(),
                "JDK 17 has no ML-KEM");
    }

    @Test
    void cipherSuitesKeepTheirOrderWithChaChaMovedLast() {
        String[] bc = {"TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"};
        assertArrayEquals(new String[] {"TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"}, BcTls.aesGcmFirst(bc));
    }

    @Test
    void aServerThatFollowsTheClientsOrderGetsAesGcmAndTheHybridStillWorks() throws Exception {
        ClientTlsSettings settings = ClientTlsSettings.of(TlsProfile.HYBRID).withTrustStore(SERVER.trustStore());
        try (TestWssServer server = TestWssServer.echo(SERVER.keyManagers("PKIX", TestWssServer.JSSE),
                List.of("X25519MLKEM768", "x25519", "secp256r1"));
                WssConnection connection = new WssClient(settings)
                        .connect(URI.create(server.url("127.0.0.1")), WAIT)) {
            assertEquals("X25519MLKEM768", connection.handshake().namedGroup(),
                    "ML-KEM from the BC fallback, X25519 from the JDK");
            assertEquals("TLS_AES_256_GCM_SHA384", connection.handshake().cipherSuite());
            connection.sendText("hello");
            assertEquals(new WsMessage.Text("hello"), connection.nextMessage(WAIT));
        }
    }

    @Test
    void positiveControl_bcjsseOffersChaChaFirstOnItsOwn() throws Exception {
        SSLContext context = BcTls.clientContext(ClientTlsSettings.of(TlsProfile.HYBRID));
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(true);
        String first = engine.getEnabledCipherSuites()[0];
        assertTrue(first.contains("CHACHA20"), "without our reordering the first suite is " + first);
    }
}
