package io.pqws.jsse;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Reads the key exchange group a server engine chose out of copies of the records its own {@code wrap} calls wrote:
 * the {@code key_share} of a TLS 1.3 ServerHello (and whether a HelloRetryRequest came first), or the named curve of
 * a TLS 1.2 ECDHE ServerKeyExchange.
 *
 * <p>Why from the wire: on JDK 17 SunJSSE reports the negotiated group through no API, and its choice follows its
 * own rules (the client's key shares and preference order), which pqws must not re-implement and guess. Both
 * messages are sent in plaintext before anything is encrypted, so the server's own output says what it chose,
 * whatever the provider. The records are only read; the engine's output goes to the peer unchanged.
 *
 * <p>What it cannot tell is said, not guessed: a TLS 1.2 handshake whose ServerHello is followed by
 * ChangeCipherSpec resumed a session ({@link #RESUMED}: no key exchange), and a TLS 1.2 key exchange that names no
 * curve (finite-field DHE, RSA) leaves the group {@code null}. Memory is bounded: at most
 * {@value #MAX_BUFFERED} handshake bytes are kept (a TLS 1.2 server sends its certificate chain before its key
 * exchange); beyond that the group stays unknown. Not thread-safe: an engine's {@code wrap} calls do not overlap.
 */
final class ServerFlightTap {

    /** What the group of a TLS 1.2 handshake that resumed a session (no key exchange) is recorded as. */
    static final String RESUMED = ServerHandshake.RESUMED;
    static final int MAX_BUFFERED = 1 << 17;

    private static final int CHANGE_CIPHER_SPEC = 20;
    private static final int HANDSHAKE = 22;
    private static final int SERVER_HELLO = 2;
    private static final int SERVER_KEY_EXCHANGE = 12;
    private static final int SERVER_HELLO_DONE = 14;
    private static final int EXTENSION_SUPPORTED_VERSIONS = 43;
    private static final int EXTENSION_KEY_SHARE = 51;
    private static final int CURVE_TYPE_NAMED = 3;
    private static final int TLS13 = 0x0304;
    /** RFC 8446 4.1.3: the ServerHello random that marks a HelloRetryRequest. */
    private static final byte[] HELLO_RETRY_RANDOM = HexFormat.of().parseHex(
            "CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    /**
     * What the server's flight said.
     *
     * @param group      the IANA code point of the chosen group, or {@code null} when the flight named none
     * @param resumed    whether a TLS 1.2 session was resumed (no key exchange at all)
     * @param helloRetry whether a HelloRetryRequest was sent
     */
    record Flight(Integer group, boolean resumed, boolean helloRetry) {
    }

    private byte[] handshake = new byte[1024];
    private int length;
    private boolean done;
    private boolean tls12ServerHello;
    private Integer group;
    private boolean resumed;
    private boolean helloRetry;

    /** Reads the whole records in {@code produced} (one {@code wrap}'s output); consumes nothing of the buffer. */
    void offer(ByteBuffer produced) {
        ByteBuffer in = produced.duplicate();
        while (!done && in.remaining() >= ClientHelloAssembler.RECORD_HEADER_LENGTH) {
            int type = in.get() & 0xFF;
            in.getShort();
            int fragment = in.getShort() & 0xFFFF;
            if (fragment > in.remaining()) {
                done = true; // a wrap writes whole records; anything else is not a flight this class can read
                return;
            }
            ByteBuffer body = in.slice().limit(fragment);
            in.position(in.position() + fragment);
            if (type == HANDSHAKE) {
                append(body);
                readMessages();
            } else if (type == CHANGE_CIPHER_SPEC && tls12ServerHello) {
                resumed = true; // TLS 1.2: ServerHello, then ChangeCipherSpec at once, is an abbreviated handshake
                done = true;
            } else if (type != CHANGE_CIPHER_SPEC) {
                done = true; // an alert, or encrypted records: the key exchange is behind us or never came
            }
        }
    }

    Flight flight() {
        return new Flight(group, resumed, helloRetry);
    }

    private void append(ByteBuffer body) {
        if (length + body.remaining() > MAX_BUFFERED) {
            done = true;
            return;
        }
        if (length + body.remaining() > handshake.length) {
            handshake = Arrays.copyOf(handshake, Math.max(handshake.length * 2, length + body.remaining()));
        }
        int count = body.remaining();
        body.get(handshake, length, count);
        length += count;
    }

    private void readMessages() {
        int offset = 0;
        while (!done && length - offset >= ClientHelloParser.HANDSHAKE_HEADER_LENGTH) {
            int type = handshake[offset] & 0xFF;
            int messageLength = ((handshake[offset + 1] & 0xFF) << 16) | ((handshake[offset + 2] & 0xFF) << 8)
                    | (handshake[offset + 3] & 0xFF);
            int start = offset + ClientHelloParser.HANDSHAKE_HEADER_LENGTH;
            if (length - start < messageLength) {
                break;
            }
            ByteBuffer message = ByteBuffer.wrap(handshake, start, messageLength).slice();
            try {
                read(type, message);
            } catch (RuntimeException malformed) {
                done = true; // the engine wrote it, so this cannot happen short of a bug; the group stays unknown
            }
            offset = start + messageLength;
        }
        System.arraycopy(handshake, offset, handshake, 0, length - offset);
        length -= offset;
    }

    private void read(int type, ByteBuffer message) {
        if (type == SERVER_HELLO) {
            serverHello(message);
        } else if (type == SERVER_KEY_EXCHANGE && tls12ServerHello) {
            if ((message.get() & 0xFF) == CURVE_TYPE_NAMED) {
                group = message.getShort() & 0xFFFF;
            }
            done = true;
        } else if (type == SERVER_HELLO_DONE) {
            done = true; // a TLS 1.2 key exchange without ServerKeyExchange (RSA) names no group
        }
    }

    private void serverHello(ByteBuffer message) {
        int version = message.getShort() & 0xFFFF;
        byte[] random = new byte[HELLO_RETRY_RANDOM.length];
        message.get(random);
        boolean retry = Arrays.equals(random, HELLO_RETRY_RANDOM);
        int sessionIdLength = message.get() & 0xFF;
        message.position(message.position() + sessionIdLength + 3); // session id, cipher suite, compression
        Integer share = null;
        if (message.remaining() >= 2) {
            int end = message.position() + 2 + (message.getShort() & 0xFFFF);
            while (message.position() + 4 <= end) {
                int extension = message.getShort() & 0xFFFF;
                int extensionLength = message.getShort() & 0xFFFF;
                int next = message.position() + extensionLength;
                if (extension == EXTENSION_SUPPORTED_VERSIONS) {
                    version = message.getShort() & 0xFFFF;
                } else if (extension == EXTENSION_KEY_SHARE) {
                    share = message.getShort() & 0xFFFF; // HelloRetryRequest: selected_group; else server_share.group
                }
                message.position(next);
            }
        }
        if (retry) {
            helloRetry = true; // the real ServerHello follows the client's second ClientHello
        } else if (version == TLS13) {
            group = share; // no key_share: a psk_ke resumption without a key exchange
            resumed = share == null;
            done = true;
        } else {
            tls12ServerHello = true;
        }
    }
}
