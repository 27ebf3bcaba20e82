package io.pqws.client;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Reads what a TLS server said in plaintext before encryption starts: whether its first ServerHello was a
 * HelloRetryRequest, the group of its final ServerHello's {@code key_share}, its {@code pre_shared_key} acceptance and
 * its session id.
 *
 * <p>Why on the wire: neither JSSE nor BCJSSE says whether a handshake needed a HelloRetryRequest or resumed a TLS 1.3
 * session, and a probe's verdict should rest on what the server sent, not on the client's interpretation. A
 * HelloRetryRequest is a ServerHello whose random is SHA-256("HelloRetryRequest") (RFC 8446 section 4.1.3); the bytes
 * are parsed before they reach the TLS engine, so by the time the handshake completes they have all been seen.
 */
final class ServerHelloObserver {

    /** SHA-256 of "HelloRetryRequest", the random of every HelloRetryRequest. */
    static final byte[] HELLO_RETRY_REQUEST_RANDOM = HexFormat.of().parseHex(
            "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");

    private static final int HANDSHAKE_RECORD = 22;
    private static final int SERVER_HELLO = 2;
    private static final int EXTENSION_KEY_SHARE = 51;
    private static final int EXTENSION_SUPPORTED_VERSIONS = 43;
    private static final int EXTENSION_PRE_SHARED_KEY = 41;

    private final ByteArrayOutputStream records = new ByteArrayOutputStream();
    private final ByteArrayOutputStream handshake = new ByteArrayOutputStream();
    private boolean done;
    private boolean helloRetryRequest;
    private Integer helloRetryGroup;
    private Integer selectedGroup;
    private Integer selectedVersion;
    private boolean pskAccepted;
    private byte[] sessionId = new byte[0];

    /** Bytes the server sent, in order. */
    void feed(byte[] bytes, int offset, int length) {
        if (done) {
            return;
        }
        records.write(bytes, offset, length);
        byte[] pending = records.toByteArray();
        int pos = 0;
        while (!done && pending.length - pos >= 5) {
            int type = pending[pos] & 0xFF;
            int recordLength = u16(pending, pos + 3);
            if (pending.length - pos - 5 < recordLength) {
                break;
            }
            if (type == HANDSHAKE_RECORD) {
                handshake.write(pending, pos + 5, recordLength);
                parseHandshakeMessages();
            }
            pos += 5 + recordLength;
        }
        records.reset();
        records.write(pending, pos, pending.length - pos);
    }

    private void parseHandshakeMessages() {
        byte[] pending = handshake.toByteArray();
        int pos = 0;
        while (!done && pending.length - pos >= 4) {
            int type = pending[pos] & 0xFF;
            int length = ((pending[pos + 1] & 0xFF) << 16) | u16(pending, pos + 2);
            if (pending.length - pos - 4 < length) {
                break;
            }
            if (type == SERVER_HELLO) {
                serverHello(Arrays.copyOfRange(pending, pos + 4, pos + 4 + length));
            }
            pos += 4 + length;
        }
        handshake.reset();
        handshake.write(pending, pos, pending.length - pos);
    }

    private void serverHello(byte[] hello) {
        int legacyVersion = u16(hello, 0);
        byte[] random = Arrays.copyOfRange(hello, 2, 34);
        boolean retry = Arrays.equals(random, HELLO_RETRY_REQUEST_RANDOM);
        int pos = 34;
        int sessionIdLength = hello[pos] & 0xFF;
        byte[] id = Arrays.copyOfRange(hello, pos + 1, pos + 1 + sessionIdLength);
        pos += 1 + sessionIdLength + 2 + 1; // cipher_suite, legacy_compression_method
        Integer version = legacyVersion;
        Integer group = null;
        boolean psk = false;
        if (pos + 2 <= hello.length) {
            int end = Math.min(hello.length, pos + 2 + u16(hello, pos));
            pos += 2;
            while (pos + 4 <= end) {
                int extension = u16(hello, pos);
                int length = u16(hello, pos + 2);
                if (extension == EXTENSION_KEY_SHARE && length >= 2) {
                    group = u16(hello, pos + 4);
                } else if (extension == EXTENSION_SUPPORTED_VERSIONS && length == 2) {
                    version = u16(hello, pos + 4);
                } else if (extension == EXTENSION_PRE_SHARED_KEY) {
                    psk = true;
                }
                pos += 4 + length;
            }
        }
        if (retry) {
            helloRetryRequest = true;
            helloRetryGroup = group;
            return; // the real ServerHello follows the client's second ClientHello
        }
        selectedGroup = group;
        selectedVersion = version;
        pskAccepted = psk;
        sessionId = id;
        done = true; // in TLS 1.3 everything after the ServerHello is encrypted
    }

    private static int u16(byte[] bytes, int pos) {
        return ((bytes[pos] & 0xFF) << 8) | (bytes[pos + 1] & 0xFF);
    }

    /** Whether the server answered the first ClientHello with a HelloRetryRequest. */
    boolean helloRetryRequest() {
        return helloRetryRequest;
    }

    /** The group the HelloRetryRequest asked for, or null. */
    Integer helloRetryGroup() {
        return helloRetryGroup;
    }

    /** The {@code key_share} group of the final ServerHello (TLS 1.3), or null. */
    Integer selectedGroup() {
        return selectedGroup;
    }

    /** The version the server selected (0x0304 for TLS 1.3), or null before its ServerHello. */
    Integer selectedVersion() {
        return selectedVersion;
    }

    /** Whether the server accepted a pre-shared key: a resumed (or external-PSK) TLS 1.3 handshake. */
    boolean pskAccepted() {
        return pskAccepted;
    }

    /** The ServerHello's (legacy) session id; in TLS 1.2 an equal, non-empty id on a second handshake means resumed. */
    byte[] sessionId() {
        return sessionId.clone();
    }

    boolean sawServerHello() {
        return done;
    }
}
