package io.pqws.jsse;

import java.util.List;

/**
 * The management interface of {@link ClientFingerprints}: what the pqws library reads as
 * {@value ClientFingerprints#OBJECT_NAME}, and where it notes the User-Agent of a connection's HTTP request.
 */
public interface ClientFingerprintsMXBean {

    /** The kept fingerprints, most handshakes first. */
    List<ClientFingerprint> getFingerprints();

    /** Handshakes of fingerprints the table let go to stay within its bound. */
    long getOverflow();

    /**
     * Notes the User-Agent of an HTTP request made on a connection whose ClientHello had this fingerprint; an unknown
     * fingerprint is ignored.
     */
    void noteUserAgent(String fingerprint, String userAgent);
}
