package io.pqws.metrics;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * TLS handshake failures by reason, as the container JVM's TLS policy provider (PQWS, from a PQ profile) counts them.
 *
 * <p>Why through JMX: a failed handshake never reaches the module (the container's connector drops the connection
 * before any servlet runs), but the PQWS provider sits inside every server engine and publishes its counts as a
 * platform MXBean, {@value #OBJECT_NAME}, attribute {@value #ATTRIBUTE} ({@code Map<String, Long>}, as open data). Reading
 * it needs only the standard {@code javax.management} API, so the WAR shares no class with the provider jar. Without
 * a PQ profile, or before the provider created its first server engine, the bean is absent and the failures are
 * reported as not available, never as zero.
 */
@ApplicationScoped
public class HandshakeFailureSource {

    /** Kept in step with {@code io.pqws.jsse.HandshakeFailures#OBJECT_NAME}. */
    static final String OBJECT_NAME = "io.pqws:type=TlsHandshakeFailures";
    static final String ATTRIBUTE = "CountsByReason";

    private static final Logger LOG = Logger.getLogger(HandshakeFailureSource.class.getName());

    /**
     * @param available whether the TLS stack reports failures at all
     * @param byReason  failures by reason, e.g. {@code no_hybrid_group}, {@code sent_handshake_failure}
     */
    public record Counts(boolean available, Map<String, Long> byReason) {
        static final Counts NOT_AVAILABLE = new Counts(false, Map.of());
    }

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final ObjectName name = objectName();
    private volatile boolean warned;

    public Counts counts() {
        try {
            Object value = server.getAttribute(name, ATTRIBUTE);
            return new Counts(true, toMap(value));
        } catch (InstanceNotFoundException absent) {
            return Counts.NOT_AVAILABLE;
        } catch (JMException | RuntimeException e) {
            if (!warned) {
                warned = true;
                LOG.log(Level.WARNING, "cannot read TLS handshake failures from {0}: {1}",
                        new Object[] {OBJECT_NAME, e.toString()});
            }
            return Counts.NOT_AVAILABLE;
        }
    }

    /** An MXBean {@code Map<String, Long>} arrives as tabular data with rows of {@code key} and {@code value}. */
    static Map<String, Long> toMap(Object value) {
        Map<String, Long> counts = new HashMap<>();
        if (value instanceof TabularData table) {
            Collection<?> rows = table.values();
            for (Object row : rows) {
                CompositeData data = (CompositeData) row;
                counts.put((String) data.get("key"), (Long) data.get("value"));
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> counts.put(String.valueOf(k), ((Number) v).longValue()));
        }
        return counts;
    }

    private static ObjectName objectName() {
        try {
            return new ObjectName(OBJECT_NAME);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }
}
