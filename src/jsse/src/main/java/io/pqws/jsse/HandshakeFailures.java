package io.pqws.jsse;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import javax.net.ssl.SSLException;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;

/**
 * Counts the server handshakes that PQWS engines saw fail, by a short reason, and publishes the counts as the platform
 * MXBean {@value #OBJECT_NAME}.
 *
 * <p>Why here and why JMX: a failed handshake never reaches the application (the container drops the connection before
 * any servlet runs); the engine is the last place that knows why. The provider jar and the WAR share no classes (they
 * live in different class loaders), so the counts travel through the standard platform MBean server as open data.
 *
 * <p>Why one per JVM (a static instance): the JDK may construct the provider more than once, yet the JVM has one TLS
 * policy and one MBean name. The bean is registered when the first guarded engine is made, not at provider
 * construction, so the platform MBean server is never created while the container is still setting up its own JMX.
 *
 * <p>Reasons: {@value #NO_HYBRID_GROUP}, {@value #NO_TLS13}, {@value #SERVER_MISCONFIGURATION},
 * {@value #MALFORMED_CLIENT_HELLO} (refused by the ClientHello guard), {@code sent_<alert>} and
 * {@code received_<alert>} (Bouncy Castle failed the handshake with that TLS alert), {@value #OTHER}.
 */
public final class HandshakeFailures implements HandshakeFailuresMXBean {

    /** The MBean's name; the pqws module reads it under this name. */
    public static final String OBJECT_NAME = "io.pqws:type=TlsHandshakeFailures";

    static final String NO_HYBRID_GROUP = "no_hybrid_group";
    static final String NO_TLS13 = "no_tls13";
    static final String SERVER_MISCONFIGURATION = "server_misconfiguration";
    static final String MALFORMED_CLIENT_HELLO = "malformed_client_hello";
    static final String OTHER = "other";

    private static final HandshakeFailures JVM_WIDE = new HandshakeFailures();

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final AtomicBoolean registered = new AtomicBoolean();

    HandshakeFailures() {
    }

    /** The JVM's counter, registered with the platform MBean server on first use. */
    static HandshakeFailures jvmWide() {
        JVM_WIDE.register();
        return JVM_WIDE;
    }

    void count(String reason) {
        counts.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** Counts a failure Bouncy Castle reported with this exception, under the TLS alert it carries. */
    void count(SSLException failure) {
        count(reasonOf(failure));
    }

    static String reasonOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TlsFatalAlertReceived received) {
                return "received_" + AlertDescription.getName(received.getAlertDescription());
            }
            if (cause instanceof TlsFatalAlert raised) {
                return "sent_" + AlertDescription.getName(raised.getAlertDescription());
            }
        }
        return OTHER;
    }

    @Override
    public Map<String, Long> getCountsByReason() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((reason, count) -> snapshot.put(reason, count.sum()));
        return snapshot;
    }

    private void register() {
        if (registered.compareAndSet(false, true)) {
            PlatformMBean.register(this, OBJECT_NAME, "handshake failures");
        }
    }
}
