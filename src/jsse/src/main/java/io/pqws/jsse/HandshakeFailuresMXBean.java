package io.pqws.jsse;

import java.util.Map;

/**
 * The management interface of {@link HandshakeFailures}: what the pqws module (or any JMX client) reads as
 * {@value HandshakeFailures#OBJECT_NAME}, attribute {@code CountsByReason}. As an MXBean the map travels as open data,
 * so readers need no class of this jar.
 */
public interface HandshakeFailuresMXBean {

    /** Failed server handshakes since the JVM started, by reason. */
    Map<String, Long> getCountsByReason();
}
