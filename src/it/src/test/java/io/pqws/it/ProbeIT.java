package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.pqws.client.ClientHelloOffer;
import io.pqws.client.HandshakeOutcome;
import io.pqws.client.ProbeReport;
import io.pqws.client.ResumptionCheck;
import io.pqws.client.ServerProbe;

/**
 * {@code pqws-client probe} against the real server under the {@code hybrid} profile: hybrid served, classic clients
 * still served (so not hybrid-only), a HelloRetryRequest only for clients that send an x25519 share, the ECDSA chain;
 * and TLS 1.2 sessions resumed (the profile's switch is on) while TLS 1.3 handshakes are always full.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ProbeIT {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Deployment(testable = false)
    static WebArchive war() {
        return PqwsServer.builtWar();
    }

    static ProbeReport probe() throws Exception {
        return new ServerProbe(PqwsServer.trustStore(), false, WAIT).probe("localhost", PqwsServer.httpsPort());
    }

    static List<HandshakeOutcome> twice(ClientHelloOffer offer) throws Exception {
        return ResumptionCheck.handshakes(PqwsServer.trustStore(), "localhost", PqwsServer.httpsPort(), offer, 2,
                WAIT);
    }

    @Test
    void theHybridProfileServesHybridButStillServesClassicClients() throws Exception {
        ProbeReport report = probe();

        assertTrue(report.versions().get("TLSv1.3").completed());
        assertTrue(report.versions().get("TLSv1.2").completed());
        assertTrue(report.accepts("X25519MLKEM768"));
        assertFalse(report.accepts("SecP256r1MLKEM768"), "not in the hybrid profile's groups");
        assertFalse(report.accepts("SecP384r1MLKEM1024"), "not in the hybrid profile's groups");
        assertTrue(report.meets(ProbeReport.Requirement.HYBRID));
        assertFalse(report.meets(ProbeReport.Requirement.HYBRID_ONLY));
        assertEquals("x25519", report.classicOnly().namedGroup());

        assertFalse(report.hybridShareFirst().helloRetryRequest(), "browsers' offer: one round trip");
        assertTrue(report.classicShareOnly().helloRetryRequest(), "server order asks an x25519 sender to retry");
        assertEquals("X25519MLKEM768", report.classicShareOnly().helloRetryGroup());
        assertEquals("X25519MLKEM768", report.classicShareOnly().namedGroup());

        assertEquals(List.of("EC P-256", "EC P-256"), report.chain().stream().map(c -> c.publicKey()).toList());
        assertEquals("SHA256withECDSA", report.chain().get(0).signatureAlgorithm());
        assertFalse(report.mlDsaChainOffered(), "the hybrid profile has one certificate, ECDSA");
    }

    @Test
    void tls12SessionsAreResumedAndTls13HandshakesAreFull() throws Exception {
        List<HandshakeOutcome> tls12 = twice(ClientHelloOffer.tls13("x25519", "secp256r1").withProtocols("TLSv1.2"));
        assertEquals("TLSv1.2", tls12.get(1).protocol());
        assertFalse(tls12.get(0).resumed());
        assertTrue(tls12.get(1).resumed(), "the hybrid profile resumes TLS 1.2 sessions");

        List<HandshakeOutcome> tls13 = twice(ClientHelloOffer.tls13("X25519MLKEM768", "secp256r1"));
        assertEquals("X25519MLKEM768", tls13.get(1).namedGroup());
        assertFalse(tls13.get(1).resumed(), "BCJSSE 1.84 has no TLS 1.3 resumption");
    }
}
