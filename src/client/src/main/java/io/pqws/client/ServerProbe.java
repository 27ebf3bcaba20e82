package io.pqws.client;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds out what a TLS server supports, with a handful of real handshakes, each offering exactly one thing
 * ({@link ClientHelloOffer}): which TLS versions it accepts, which hybrid post-quantum groups, whether it still serves
 * classic-only clients (is it hybrid-only?), whether hybrid-capable clients pay a HelloRetryRequest, and which
 * certificate chain it presents, to ordinary clients and to clients that accept ML-DSA.
 *
 * <p>Why these offers: a group is "accepted" only when the server negotiates that very group while the client offers
 * it with its key share and nothing better ({@code secp256r1} rides along only because Bouncy Castle offers the
 * {@code ecdsa_secp256r1_sha256} signature scheme only with that group enabled, and most servers sign with P-256). The
 * HelloRetryRequest checks mirror today's clients: browsers send a hybrid key share up front, older clients only an
 * x25519 one.
 */
public final class ServerProbe {

    /** The hybrid groups probed, in the order reported. */
    public static final List<String> HYBRID_GROUPS = List.of("X25519MLKEM768", "SecP256r1MLKEM768",
            "SecP384r1MLKEM1024");

    private final TlsHandshaker handshaker;

    public ServerProbe(KeyStore trustStore, boolean trustAll, Duration timeout) throws GeneralSecurityException {
        this.handshaker = new TlsHandshaker(trustStore, trustAll, timeout);
    }

    /**
     * Probes {@code host:port}.
     *
     * @throws IOException when no TCP connection can be made at all (refused, unknown host, unreachable)
     */
    public ProbeReport probe(String host, int port) throws IOException {
        Map<String, HandshakeOutcome> versions = new LinkedHashMap<>();
        versions.put("TLSv1.3", handshaker.handshake(host, port,
                ClientHelloOffer.tls13("X25519MLKEM768", "x25519", "secp256r1", "secp384r1")));
        versions.put("TLSv1.2", handshaker.handshake(host, port,
                ClientHelloOffer.tls13("x25519", "secp256r1", "secp384r1").withProtocols("TLSv1.2")));

        Map<String, HandshakeOutcome> hybrids = new LinkedHashMap<>();
        for (String group : HYBRID_GROUPS) {
            hybrids.put(group, handshaker.handshake(host, port, ClientHelloOffer.tls13(group, "secp256r1")));
        }

        HandshakeOutcome classicOnly = handshaker.handshake(host, port,
                ClientHelloOffer.tls13("x25519", "secp256r1", "secp384r1").withProtocols("TLSv1.3", "TLSv1.2"));
        HandshakeOutcome hybridShareFirst = handshaker.handshake(host, port,
                ClientHelloOffer.tls13("X25519MLKEM768", "x25519", "secp256r1"));
        HandshakeOutcome classicShareOnly = handshaker.handshake(host, port,
                ClientHelloOffer.tls13("X25519MLKEM768", "x25519", "secp256r1").withKeyShares("x25519"));
        HandshakeOutcome mlDsaClient = handshaker.handshake(host, port,
                ClientHelloOffer.tls13("X25519MLKEM768", "x25519", "secp256r1")
                        .withSignatureSchemes(ClientHelloOffer.ML_DSA_FIRST));

        return new ProbeReport(host, port, versions, hybrids, classicOnly, hybridShareFirst, classicShareOnly,
                mlDsaClient);
    }
}
