package io.pqws.metrics;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
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
 * handshake by its labels, the failed ones by reason, and the clients by TLS fingerprint.
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
    /** Kept in step with {@code io.pqws.jsse.ClientFingerprints#OBJECT_NAME}. */
    static final String FINGERPRINTS = "io.pqws:type=TlsClientFingerprints";

    private static final Logger LOG = Logger.getLogger(ProviderCounters.class.getName());

    /**
     * @param available whether the TLS stack publishes these counts at all
     * @param byKey     the counts by their key: a failure reason ({@code no_hybrid_group},
     *                  {@code sent_handshake_failure}) or a handshake's labels ({@link ServerHandshakeLabels})
     */
    public record Counts(boolean available, Map<String, Long> byKey) {
        static final Counts NOT_AVAILABLE = new Counts(false, Map.of());
    }

    /**
     * The clients by JA4 fingerprint, most handshakes first.
     *
     * @param available whether the TLS stack publishes them at all
     * @param overflow  handshakes of fingerprints the bounded table let go
     */
    public record Clients(boolean available, List<ClientRow> rows, long overflow) {
        static final Clients NOT_AVAILABLE = new Clients(false, List.of(), 0);
    }

    /**
     * One client fingerprint.
     *
     * @param withoutHybrid its handshakes whose ClientHello named no hybrid group (hybrid-only would refuse them)
     * @param userAgent     of the latest HTTP request pqws saw on such a connection, or empty
     */
    public record ClientRow(String fingerprint, long count, long withoutHybrid, String versions,
            Instant lastSeen, String userAgent) {
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

    /** Every client of the server's handshakes, by JA4 fingerprint. */
    public Clients clientFingerprints() {
        try {
            ObjectName name = new ObjectName(FINGERPRINTS);
            List<ClientRow> rows = new ArrayList<>();
            for (Object row : (Object[]) server.getAttribute(name, "Fingerprints")) {
                CompositeData data = (CompositeData) row;
                rows.add(new ClientRow((String) data.get("fingerprint"), (Long) data.get("count"),
                        (Long) data.get("withoutHybrid"), (String) data.get("versions"),
                        Instant.ofEpochMilli((Long) data.get("lastSeenMillis")), (String) data.get("userAgent")));
            }
            return new Clients(true, rows, (Long) server.getAttribute(name, "Overflow"));
        } catch (InstanceNotFoundException absent) {
            return Clients.NOT_AVAILABLE;
        } catch (JMException | RuntimeException e) {
            warnOnce(FINGERPRINTS, "Fingerprints", e);
            return Clients.NOT_AVAILABLE;
        }
    }

    /** Notes the User-Agent of a request on a connection whose client has this fingerprint; never fails the request. */
    public void noteUserAgent(String fingerprint, String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return;
        }
        try {
            server.invoke(new ObjectName(FINGERPRINTS), "noteUserAgent", new Object[] {fingerprint, userAgent},
                    new String[] {String.class.getName(), String.class.getName()});
        } catch (InstanceNotFoundException absent) {
            // no PQWS provider: nothing to note it in
        } catch (JMException | RuntimeException e) {
            warnOnce(FINGERPRINTS, "noteUserAgent", e);
        }
    }

    private Counts read(String objectName, String attribute) {
        try {
            Object value = server.getAttribute(new ObjectName(objectName), attribute);
            return new Counts(true, toMap(value));
        } catch (InstanceNotFoundException absent) {
            return Counts.NOT_AVAILABLE;
        } catch (JMException | RuntimeException e) {
            warnOnce(objectName, attribute, e);
            return Counts.NOT_AVAILABLE;
        }
    }

    private void warnOnce(String objectName, String member, Exception e) {
        if (warned.add(objectName + "/" + member)) {
            LOG.log(Level.WARNING, "cannot use {0} of {1}: {2}", new Object[] {member, objectName, e.toString()});
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
