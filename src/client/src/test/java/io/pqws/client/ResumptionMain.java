package io.pqws.client;

import java.time.Duration;
import java.util.List;

import io.pqws.testsupport.InMemoryCredentials;

/**
 * Runs in a fresh JVM for {@link ResumptionCheckTest}: a BCJSSE server (whose resumption switch, a JVM-wide system
 * property Bouncy Castle reads once, is whatever this JVM was started with) and two client handshakes of the given
 * protocol. Prints {@code first=...} and {@code second=...}: {@code resumed} or {@code full}.
 */
public final class ResumptionMain {

    private ResumptionMain() {
    }

    public static void main(String[] args) throws Exception {
        InMemoryCredentials credentials = InMemoryCredentials.ecdsaP256Localhost();
        try (TestWssServer server = TestWssServer.echo(credentials.keyManagers("PKIX", TestWssServer.JSSE),
                List.of("x25519", "secp256r1"))) {
            List<HandshakeOutcome> outcomes = ResumptionCheck.handshakes(credentials.trustStore(), "localhost",
                    server.port(), ClientHelloOffer.tls13("x25519", "secp256r1").withProtocols(args[0]), 2,
                    Duration.ofSeconds(10));
            System.out.println("first=" + (outcomes.get(0).resumed() ? "resumed" : "full"));
            System.out.println("second=" + (outcomes.get(1).resumed() ? "resumed" : "full"));
            System.out.println("protocol=" + outcomes.get(1).protocol());
        }
    }
}
