package io.pqws.jsse;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every server handshake the PQWS engines of this JVM see, in every profile and whichever application the
 * connection then serves, by {@link ServerHandshake}'s labels, and publishes the counts as the platform MXBean
 * {@value #OBJECT_NAME}.
 *
 * <p>Why: a trial must answer "who would break under hybrid-only?" for the whole server before switching, and only
 * the TLS provider sees every handshake: plain HTTPS requests to other applications, clients that never open a
 * WebSocket, and handshakes that fail before any application runs. Why JMX and one instance per JVM: as for
 * {@link HandshakeFailures}, the provider jar and the WARs share no classes, and the JVM has one TLS policy.
 *
 * <p>Memory stays bounded: every label has a small fixed set of values (an outcome is {@code completed} or one of
 * the TLS alerts), so the map has at most a few thousand keys whatever the traffic.
 */
public final class ServerHandshakes implements ServerHandshakesMXBean {

    /** The MBean's name; the pqws library reads it under this name. */
    public static final String OBJECT_NAME = "io.pqws:type=TlsServerHandshakes";

    private static final ServerHandshakes JVM_WIDE = new ServerHandshakes();

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final AtomicBoolean registered = new AtomicBoolean();

    ServerHandshakes() {
    }

    /** The JVM's counter, registered with the platform MBean server on first use. */
    static ServerHandshakes jvmWide() {
        JVM_WIDE.register();
        return JVM_WIDE;
    }

    void count(ServerHandshake handshake) {
        counts.computeIfAbsent(handshake.key(), k -> new LongAdder()).increment();
    }

    @Override
    public Map<String, Long> getCounts() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((key, count) -> snapshot.put(key, count.sum()));
        return snapshot;
    }

    private void register() {
        if (registered.compareAndSet(false, true)) {
            PlatformMBean.register(this, OBJECT_NAME, "server handshakes");
        }
    }
}
