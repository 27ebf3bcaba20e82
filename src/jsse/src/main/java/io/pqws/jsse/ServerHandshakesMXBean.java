package io.pqws.jsse;

import java.util.Map;

/**
 * The management interface of {@link ServerHandshakes}: what the pqws library (or any JMX client) reads as
 * {@value ServerHandshakes#OBJECT_NAME}, attribute {@code Counts}. As an MXBean the map travels as open data, so
 * readers need no class of this jar.
 */
public interface ServerHandshakesMXBean {

    /**
     * Server handshakes since the JVM started, by their labels joined into one key:
     * {@code outcome=...,protocol=...,group=...,hybrid_offered=...,hybrid_key_share=...,hello_retry=...}.
     */
    Map<String, Long> getCounts();
}
