package io.pqws.jsse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The clients of this JVM's server handshakes, by JA4 fingerprint ({@link Ja4}): how many handshakes each made, how
 * many of them named no hybrid group (the clients the hybrid-only profile would refuse), the TLS versions offered,
 * when it was last seen and, where pqws saw an HTTP request on such a connection, its User-Agent. Published as the
 * platform MXBean {@value #OBJECT_NAME}.
 *
 * <p>Memory is bounded whatever the traffic: at most {@value #CAPACITY} fingerprints are kept. A new one arriving at
 * a full table replaces the one with the fewest handshakes, whose count moves to {@link #getOverflow()}; so a
 * frequent client stays in the table, and a flood of distinct fingerprints only churns the rarest row.
 */
public final class ClientFingerprints implements ClientFingerprintsMXBean {

    /** The MBean's name; the pqws library reads it under this name. */
    public static final String OBJECT_NAME = "io.pqws:type=TlsClientFingerprints";
    static final int CAPACITY = 256;
    static final int MAX_USER_AGENT = 256;

    private static final ClientFingerprints JVM_WIDE = new ClientFingerprints(CAPACITY);

    private final int capacity;
    private final Map<String, Row> rows = new HashMap<>();
    private final AtomicBoolean registered = new AtomicBoolean();
    private long overflow;

    ClientFingerprints(int capacity) {
        this.capacity = capacity;
    }

    /** The JVM's table, registered with the platform MBean server on first use. */
    static ClientFingerprints jvmWide() {
        if (JVM_WIDE.registered.compareAndSet(false, true)) {
            PlatformMBean.register(JVM_WIDE, OBJECT_NAME, "client fingerprints");
        }
        return JVM_WIDE;
    }

    /** One server handshake of a client with this fingerprint. */
    synchronized void seen(String fingerprint, boolean hybridOffered, String versions, long nowMillis) {
        Row row = rows.get(fingerprint);
        if (row == null) {
            if (rows.size() >= capacity) {
                Row rarest = rows.values().stream().min(Comparator.comparingLong(r -> r.count)).orElseThrow();
                rows.remove(rarest.fingerprint);
                overflow += rarest.count;
            }
            row = new Row(fingerprint);
            rows.put(fingerprint, row);
        }
        row.count++;
        if (!hybridOffered) {
            row.withoutHybrid++;
        }
        row.versions = versions;
        row.lastSeenMillis = nowMillis;
    }

    @Override
    public synchronized void noteUserAgent(String fingerprint, String userAgent) {
        Row row = rows.get(fingerprint);
        if (row != null && userAgent != null) {
            String printable = userAgent.replaceAll("\\p{Cntrl}", "?");
            row.userAgent = printable.length() > MAX_USER_AGENT ? printable.substring(0, MAX_USER_AGENT) : printable;
        }
    }

    @Override
    public synchronized List<ClientFingerprint> getFingerprints() {
        List<ClientFingerprint> list = new ArrayList<>(rows.size());
        for (Row row : rows.values()) {
            list.add(new ClientFingerprint(row.fingerprint, row.count, row.withoutHybrid, row.versions,
                    row.lastSeenMillis, row.userAgent));
        }
        list.sort(Comparator.comparingLong(ClientFingerprint::getCount).reversed()
                .thenComparing(ClientFingerprint::getFingerprint));
        return list;
    }

    @Override
    public synchronized long getOverflow() {
        return overflow;
    }

    private static final class Row {
        final String fingerprint;
        long count;
        long withoutHybrid;
        String versions = "";
        long lastSeenMillis;
        String userAgent = "";

        Row(String fingerprint) {
            this.fingerprint = fingerprint;
        }
    }
}
