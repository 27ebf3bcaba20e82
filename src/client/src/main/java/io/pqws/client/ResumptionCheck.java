package io.pqws.client;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Connects to a server several times with one client session cache and reports, per handshake, whether the server
 * resumed the earlier session and how long the handshake took: the measurement behind "full vs resumed".
 *
 * <p>Why a library class: the CLI, the integration tests and the benchmarks use the same code. Whether a handshake was
 * resumed is read from the server's own ServerHello ({@link ServerHelloObserver}), not assumed from the client's
 * cache.
 */
public final class ResumptionCheck {

    private ResumptionCheck() {
    }

    /**
     * {@code count} handshakes in a row offering {@code offer}, sharing one client session cache.
     *
     * @return the outcomes in order; the first is always a full handshake
     */
    public static List<HandshakeOutcome> handshakes(KeyStore trustStore, String host, int port, ClientHelloOffer offer,
            int count, Duration timeout) throws GeneralSecurityException, IOException {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        TlsHandshaker handshaker = new TlsHandshaker(trustStore, false, timeout);
        List<HandshakeOutcome> outcomes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            outcomes.add(handshaker.handshake(host, port, offer));
        }
        return outcomes;
    }
}
