package io.pqws.jsse;

/**
 * One row of {@link ClientFingerprints}, as the MXBean publishes it (a composite of these properties): a JavaBean, so
 * that the platform MBean server can map it to open data for readers without this jar.
 */
public final class ClientFingerprint {

    private final String fingerprint;
    private final long count;
    private final long withoutHybrid;
    private final String versions;
    private final long lastSeenMillis;
    private final String userAgent;

    ClientFingerprint(String fingerprint, long count, long withoutHybrid, String versions, long lastSeenMillis,
            String userAgent) {
        this.fingerprint = fingerprint;
        this.count = count;
        this.withoutHybrid = withoutHybrid;
        this.versions = versions;
        this.lastSeenMillis = lastSeenMillis;
        this.userAgent = userAgent;
    }

    /** The JA4 fingerprint ({@link Ja4}). */
    public String getFingerprint() {
        return fingerprint;
    }

    /** Server handshakes with this fingerprint, completed or failed. */
    public long getCount() {
        return count;
    }

    /** Of those, the ones whose ClientHello named no hybrid group: the hybrid-only profile refuses them. */
    public long getWithoutHybrid() {
        return withoutHybrid;
    }

    /** The TLS versions the client offered, newest first, e.g. {@code TLSv1.3,TLSv1.2}. */
    public String getVersions() {
        return versions;
    }

    /** When a handshake with this fingerprint was last seen, in milliseconds since the epoch. */
    public long getLastSeenMillis() {
        return lastSeenMillis;
    }

    /** The User-Agent of the latest HTTP request pqws saw on such a connection, or empty. */
    public String getUserAgent() {
        return userAgent;
    }
}
