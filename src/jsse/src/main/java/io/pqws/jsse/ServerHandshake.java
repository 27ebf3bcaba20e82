package io.pqws.jsse;

import java.util.Locale;

/**
 * One server handshake as {@link ServerHandshakes} counts it: a fixed set of labels, each with few values, so that the
 * counts stay bounded whatever the traffic.
 *
 * @param outcome        {@value #COMPLETED}, or the reason it failed as {@link HandshakeFailures} names it
 *                       ({@code no_hybrid_group}, {@code sent_handshake_failure}, ...)
 * @param protocol       the negotiated protocol ({@code TLSv1.3}, {@code TLSv1.2}), {@value #UNKNOWN} for a failure
 * @param group          the key exchange group, {@value #RESUMED} for a resumed TLS 1.2 session (no key exchange),
 *                       {@value #UNKNOWN} for a failure or a ClientHello it could not be told from
 * @param hybridOffered  whether the ClientHello named a hybrid post-quantum group in {@code supported_groups}
 * @param hybridKeyShare whether it also carried a key share for one
 * @param helloRetry     whether the server had to ask for another key share (a HelloRetryRequest)
 */
record ServerHandshake(String outcome, String protocol, String group, boolean hybridOffered, boolean hybridKeyShare,
                       boolean helloRetry) {

    static final String COMPLETED = "completed";
    static final String UNKNOWN = "unknown";
    static final String RESUMED = "resumed";

    /**
     * The labels as one map key, {@code outcome=completed,protocol=TLSv1.3,group=X25519MLKEM768,...}: what the MXBean
     * publishes, so that a reader needs no class of this jar. No value contains {@code ,} or {@code =}.
     */
    String key() {
        return String.format(Locale.ROOT,
                "outcome=%s,protocol=%s,group=%s,hybrid_offered=%s,hybrid_key_share=%s,hello_retry=%s", outcome,
                protocol, group, hybridOffered, hybridKeyShare, helloRetry);
    }
}
