package io.pqws.metrics;

import java.util.HashMap;
import java.util.Map;

/**
 * The labels of server handshakes as the PQWS provider counts them ({@code io.pqws.jsse.ServerHandshake}), read back
 * from the key it publishes: {@code outcome=completed,protocol=TLSv1.3,group=X25519MLKEM768,hybrid_offered=true,
 * hybrid_key_share=true,hello_retry=false}.
 *
 * @param outcome        {@code completed}, or why it failed ({@code no_hybrid_group}, {@code sent_handshake_failure})
 * @param protocol       the negotiated protocol, {@code unknown} for a failure
 * @param group          the key exchange group, {@code resumed} (no key exchange) or {@code unknown}
 * @param hybridOffered  whether the client named a hybrid post-quantum group
 * @param hybridKeyShare whether it sent a key share for one
 * @param helloRetry     whether the server asked for another key share
 */
public record ServerHandshakeLabels(String outcome, String protocol, String group, boolean hybridOffered,
        boolean hybridKeyShare, boolean helloRetry) {

    static final String COMPLETED = "completed";
    private static final String UNKNOWN = "unknown";

    /** Reads a published key; a label the key lacks (a provider of another version) reads as unknown or false. */
    static ServerHandshakeLabels parse(String key) {
        Map<String, String> labels = new HashMap<>();
        for (String pair : key.split(",")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                labels.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        return new ServerHandshakeLabels(labels.getOrDefault("outcome", UNKNOWN),
                labels.getOrDefault("protocol", UNKNOWN), labels.getOrDefault("group", UNKNOWN),
                Boolean.parseBoolean(labels.get("hybrid_offered")),
                Boolean.parseBoolean(labels.get("hybrid_key_share")), Boolean.parseBoolean(labels.get("hello_retry")));
    }

    public boolean completed() {
        return COMPLETED.equals(outcome);
    }
}
