package io.pqws.metrics;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the container JVM's TLS policy provider (PQWS, from a PQ profile) counts for the whole server: every server
 * handshake by its labels, and the failed ones by reason.
 *
 * <p>Why through JMX: a handshake happens before any application runs, and most never reach this module (plain HTTPS
 * requests to other applications, failures the connector drops), but the PQWS provider sits inside every server engine
 * and publishes its counts as platform MXBeans ({@code Map<String, Long>} attributes, as open data). Reading them needs
 * only the standard {@code javax.management} API, so the WAR shares no class with the provider jar. Without a PQ
 * profile, or before the provider created its first server engine, a bean is absent and its counts are reported as not
 * available, never as zero.
 */
@ApplicationScoped
public class ProviderCounters {

    /** Kept in step with {@code io.pqws.jsse.HandshakeFailures#OBJECT_NAME}. */
    static final String FAILURES = "io.pqws:type=TlsHandshakeFailures";
    /** Kept in step with {@code io.pqws.jsse.ServerHandshakes#OBJECT_NAME}. */
    static final String HANDSHAKES = "io.pqws:type=TlsServerHandshakes";

    private static final Logger LOG = Logger.getLogger(ProviderCounters.class.getName());

    /**
     * @param available whether the TLS stack publishes these counts at all
     * @param byKey     the counts by their key: a failure reason ({@code no_hybrid_group}, {@code sent_handshake_failure})
     *                  or a handshake's labels ({@link ServerHandshakeLabels})
     */
    public record Counts(boolean available, Map<String, Long> byKey) {
        static final Counts NOT_AVAILABLE = new Counts(false, Map.of());
    }

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /** Failed server handshakes by reason. */
    public Counts handshakeFailures() {
        return read(FAILURES, "CountsByReason");
    }

    /** Every server handshake, completed or failed, by its labels. */
    public Counts serverHandshakes() {
        return read(HANDSHAKES, "Counts");
    }

    private Counts read(String objectName, String attribute) {
        try {
            Object value = server.getAttribute(new ObjectName(objectName), attribute);
            return new Counts(true, toMap(value));
        } catch (InstanceNotFoundException absent) {
            return Counts.NOT_AVAILABLE;
        } catch (JMException | RuntimeException e) {
            if (warned.add(objectName)) {
                LOG.log(Level.WARNING, "cannot read {0} from {1}: {2}", new Object[] {attribute, objectName,
                    e.toString()});
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
}
