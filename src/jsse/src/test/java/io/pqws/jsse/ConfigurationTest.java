package io.pqws.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyManagementException;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way the configuration can be wrong fails loudly, with a message that says what to fix. */
class ConfigurationTest {

    private SystemProperties properties;

    @BeforeEach
    void clean() {
        properties = SystemProperties.set(PqwsJssePolicy.REQUIRE_HYBRID, null, "jdk.tls.namedGroups", null);
    }

    @AfterEach
    void restore() {
        properties.close();
    }

    private static ProviderException providerFailure(String algorithm) {
        PqwsJsseProvider provider = new PqwsJsseProvider(TestPki.BCJSSE);
        return assertThrows(ProviderException.class, () -> SSLContext.getInstance(algorithm, provider));
    }

    @Test
    void requireHybridDefaultsToFalse() {
        assertFalse(PqwsJssePolicy.fromSystemProperties().requireHybrid());
        assertFalse(new PqwsJsseProvider(TestPki.BCJSSE).isRequireHybrid());
    }

    @Test
    void requireHybridAcceptsTrueAndFalse() {
        properties.and("jdk.tls.namedGroups", "X25519MLKEM768,secp256r1");
        for (String value : new String[] {"true", "TRUE", " true "}) {
            properties.and(PqwsJssePolicy.REQUIRE_HYBRID, value);
            assertTrue(PqwsJssePolicy.fromSystemProperties().requireHybrid(), value);
        }
        properties.and(PqwsJssePolicy.REQUIRE_HYBRID, "false");
        assertFalse(PqwsJssePolicy.fromSystemProperties().requireHybrid());
    }

    @Test
    void aBadValueFailsEverySslContextRequestWithThePreciseMessage() {
        properties.and(PqwsJssePolicy.REQUIRE_HYBRID, "yes");

        for (String algorithm : new String[] {"TLS", "TLSv1.3", "Default", "TLS"}) {
            ProviderException failure = providerFailure(algorithm);
            assertEquals("PQWS JSSE policy is misconfigured: pqws.tls.requireHybrid must be 'true' or 'false', found"
                    + " 'yes'; pqws does not guess a TLS security policy", failure.getMessage());
        }
    }

    @Test
    void requireHybridNeedsAHybridGroupConfigured() {
        properties.and(PqwsJssePolicy.REQUIRE_HYBRID, "true");
        assertTrue(providerFailure("TLS").getMessage().endsWith("pqws.tls.requireHybrid=true requires jdk.tls.namedGroups"
                + " to list a hybrid post-quantum group (one of [SecP256r1MLKEM768, X25519MLKEM768, SecP384r1MLKEM1024]);"
                + " it is not set"));

        properties.and("jdk.tls.namedGroups", "x25519,secp256r1");
        assertTrue(providerFailure("TLS").getMessage().endsWith("found 'x25519,secp256r1'"));
    }

    @Test
    void requireHybridNeedsTheHybridGroupsFirst() {
        properties.and(PqwsJssePolicy.REQUIRE_HYBRID, "true", "jdk.tls.namedGroups", "x25519,X25519MLKEM768,secp256r1");

        assertTrue(providerFailure("TLS").getMessage().contains("to list hybrid groups before classic ones"));
    }

    @Test
    void theNamedGroupsPropertyIsSplitLikeBouncyCastleSplitsIt() {
        properties.and(PqwsJssePolicy.REQUIRE_HYBRID, "true", "jdk.tls.namedGroups", " \"X25519MLKEM768, ,secp256r1\" ");

        assertEquals(List.of("X25519MLKEM768", "secp256r1"), PqwsJssePolicy.fromSystemProperties().namedGroups());
    }

    @Test
    void theValueIsLoggedOnceLikeBouncyCastleLogsItsProperties() {
        Logger logger = Logger.getLogger(PqwsJssePolicy.class.getName());
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        try {
            properties.and("jdk.tls.namedGroups", "X25519MLKEM768,secp256r1", PqwsJssePolicy.REQUIRE_HYBRID, "false");
            PqwsJssePolicy.fromSystemProperties();
            properties.and(PqwsJssePolicy.REQUIRE_HYBRID, "true");
            new PqwsJsseProvider(TestPki.BCJSSE);
            new PqwsJsseProvider(TestPki.BCJSSE);
        } finally {
            logger.removeHandler(capture);
        }
        assertEquals(1, records.stream()
                .filter(r -> r.getMessage().equals("Found boolean system property [pqws.tls.requireHybrid]: true"))
                .count());
    }

    @Test
    void aMissingBcjsseIsNamedAndNeverReplaced() {
        assertNull(Security.getProvider("BCJSSE"), "this test needs BCJSSE not to be installed");
        PqwsJsseProvider provider = new PqwsJsseProvider();

        ProviderException failure = assertThrows(ProviderException.class, () -> SSLContext.getInstance("TLS", provider));
        assertTrue(failure.getMessage().startsWith("PQWS requires the Bouncy Castle JSSE provider 'BCJSSE'"));
        assertTrue(failure.getMessage().endsWith("PQWS never falls back to another JSSE provider"));
    }

    /**
     * JDK 17's own providers have no ML-KEM, so BCJSSE over them (the BCJSSE default without the BC provider) drops
     * X25519MLKEM768 with nothing but a log line. That BCJSSE also needs a SecureRandom, as it has no "DEFAULT" one.
     */
    @Test
    void aHybridGroupBouncyCastleCannotUseFailsInitialization() throws Exception {
        properties.and("jdk.tls.namedGroups", "X25519MLKEM768,x25519,secp256r1");
        PqwsJsseProvider overJdkCrypto = new PqwsJsseProvider(new BouncyCastleJsseProvider());
        SSLContext context = SSLContext.getInstance("TLS", overJdkCrypto);

        KeyManagementException failure = assertThrows(KeyManagementException.class,
                () -> context.init(TestPki.keyManagers(), null, new SecureRandom()));
        assertTrue(failure.getMessage().startsWith("jdk.tls.namedGroups asks for X25519MLKEM768 but Bouncy Castle"
                + " cannot use it in TLS 1.3 (its effective groups are [x25519, secp256r1])"), failure.getMessage());
        IllegalStateException unusable = assertThrows(IllegalStateException.class, context::createSSLEngine);
        assertTrue(unusable.getMessage().contains("not initialized"));
        assertThrows(ProviderException.class, () -> SSLContext.getInstance("Default", overJdkCrypto));

        // Positive control: the same configuration over the Bouncy Castle provider initializes.
        SSLContext.getInstance("TLS", new PqwsJsseProvider(TestPki.BCJSSE)).init(TestPki.keyManagers(), null, null);
    }

    @Test
    void anUninitializedContextCreatesNoEngine() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS", new PqwsJsseProvider(TestPki.BCJSSE));

        assertThrows(IllegalStateException.class, context::createSSLEngine);
    }

    @Test
    void theHybridDefaultContextIsBouncyCastlesWithServerOrder() throws Exception {
        properties.and("jdk.tls.namedGroups", "X25519MLKEM768,x25519,secp256r1");
        SSLContext context = SSLContext.getInstance("Default", new PqwsJsseProvider(TestPki.BCJSSE));
        SSLEngine engine = context.createSSLEngine();

        assertInstanceOf(ClientHelloGuardEngine.class, engine, "observes, and refuses nothing (ServerHandshakesTest)");
        assertTrue(((BCSSLEngine) engine).getParameters().getUseNamedGroupsOrder());
        assertThrows(KeyManagementException.class, () -> context.init(null, null, null));
    }

    @Test
    void theRequireHybridDefaultContextUsesTheStandardKeyStorePropertiesAndIsGuarded(@TempDir Path directory)
            throws Exception {
        Path keyStore = directory.resolve("server.p12");
        try (OutputStream out = Files.newOutputStream(keyStore)) {
            TestPki.keyStore().store(out, TestPki.PASSWORD);
        }
        properties.and("jdk.tls.namedGroups", "X25519MLKEM768,x25519,secp256r1", PqwsJssePolicy.REQUIRE_HYBRID, "true",
                "javax.net.ssl.keyStore", keyStore.toString(), "javax.net.ssl.keyStoreType", "PKCS12",
                "javax.net.ssl.keyStorePassword", new String(TestPki.PASSWORD));
        SSLContext context = SSLContext.getInstance("Default", new PqwsJsseProvider(TestPki.BCJSSE));

        MemoryHandshake hybrid = MemoryHandshake.run(
                TestPki.bcClient(new String[] {"x25519", "X25519MLKEM768", "secp256r1"}), TestPki.server(context));
        assertTrue(hybrid.completed(), () -> "handshake failed: " + hybrid.client.failure + " / " + hybrid.server.failure);
        assertEquals(TestPki.CERT, hybrid.client.engine.getSession().getPeerCertificates()[0]);

        MemoryHandshake classic = MemoryHandshake.run(TestPki.bcClient(new String[] {"x25519", "secp256r1"}),
                TestPki.server(context));
        assertInstanceOf(javax.net.ssl.SSLHandshakeException.class, classic.server.failure);
        assertThrows(KeyManagementException.class, () -> context.init(null, null, null));
    }
}
