package io.pqws.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLEngine;

import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.BCSSLParameters;
import org.junit.jupiter.api.Test;

/**
 * The per-engine parameters each profile puts on a BCJSSE engine, read back from the engine itself, and the engine
 * kept for the report. The wire effect of the early key share is proven in {@link WssClientTest}.
 */
class BcEngineConfiguratorTest {

    private static BCSSLParameters parametersOf(ClientTlsSettings settings) throws Exception {
        BcEngineConfigurator configurator = new BcEngineConfigurator(BcTls.clientContext(settings), settings);
        SSLEngine handedToTyrus = configurator.getSslContext().createSSLEngine("localhost", 8181);
        SSLEngine kept = configurator.engine().orElseThrow();
        assertTrue(handedToTyrus instanceof ObservedSslEngine, "Grizzly gets the watching engine");
        assertSame(kept.getSession(), handedToTyrus.getSession(), "…which forwards to the kept BC engine");
        assertTrue(kept.getUseClientMode());
        return ((BCSSLEngine) kept).getParameters();
    }

    @Test
    void hybridProfile() throws Exception {
        BCSSLParameters parameters = parametersOf(ClientTlsSettings.of(TlsProfile.HYBRID));
        assertArrayEquals(new String[] {"X25519MLKEM768", "x25519", "secp256r1"}, parameters.getNamedGroups());
        assertArrayEquals(new String[] {"X25519MLKEM768"}, parameters.getEarlyKeyShares());
        assertEquals("HTTPS", parameters.getEndpointIdentificationAlgorithm());
        assertTrue(Arrays.asList(parameters.getProtocols()).contains("TLSv1.2"), "hybrid still falls back");
    }

    @Test
    void hybridOnlyProfileOffersTls13Only() throws Exception {
        BCSSLParameters parameters = parametersOf(ClientTlsSettings.of(TlsProfile.HYBRID_ONLY));
        assertArrayEquals(new String[] {"X25519MLKEM768", "secp256r1"}, parameters.getNamedGroups());
        assertArrayEquals(new String[] {"X25519MLKEM768"}, parameters.getEarlyKeyShares());
        assertArrayEquals(new String[] {"TLSv1.3"}, parameters.getProtocols());
    }

    @Test
    void classicProfileWithoutHostnameVerification() throws Exception {
        BCSSLParameters parameters = parametersOf(
                ClientTlsSettings.of(TlsProfile.CLASSIC).withHostnameVerification(false));
        assertArrayEquals(new String[] {"x25519", "secp256r1"}, parameters.getNamedGroups());
        assertArrayEquals(new String[] {"x25519"}, parameters.getEarlyKeyShares());
        assertNull(parameters.getEndpointIdentificationAlgorithm());
    }

    @Test
    void emptyEarlyKeySharesLeaveTheProviderDefault() throws Exception {
        BCSSLParameters parameters = parametersOf(ClientTlsSettings.of(TlsProfile.HYBRID).withEarlyKeyShares(List.of()));
        assertNull(parameters.getEarlyKeyShares());
    }
}
