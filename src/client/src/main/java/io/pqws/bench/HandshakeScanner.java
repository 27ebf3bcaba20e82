package io.pqws.bench;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Reads the plaintext start of one TLS connection from both directions of the wire and tells what the handshake cost
 * in bytes and round trips: the size of the ClientHello and ServerHello, whether the server asked for another key
 * share (HelloRetryRequest), whether the session was resumed, and the negotiated group, cipher suite and version as
 * the ServerHello states them (RFC 8446 section 4.1; RFC 5246 section 7.4.1 for TLS 1.2).
 *
 * <p>Why on the wire: "the hybrid share goes in the first ClientHello, so there is no HelloRetryRequest" and "a
 * hybrid ClientHello is 1.2 KB bigger" are claims about bytes; reading them from the wire holds for every client and
 * server, ours or not. Parsing stops at the (final) ServerHello; later records are encrypted anyway.
 */
final class HandshakeScanner {

    static final int HANDSHAKE = 22;
    static final int CLIENT_HELLO = 1;
    static final int SERVER_HELLO = 2;
    static final int EXT_SUPPORTED_VERSIONS = 43;
    static final int EXT_KEY_SHARE = 51;
    static final int EXT_PRE_SHARED_KEY = 41;
    static final int TLS12 = 0x0303;

    /** The ServerHello.random that marks a HelloRetryRequest (RFC 8446 section 4.1.3). */
    static final byte[] HELLO_RETRY_RANDOM = hex(
            "CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    private final Direction fromClient = new Direction(true);
    private final Direction fromServer = new Direction(false);

    private long bytesFromClient;
    private long bytesFromServer;
    private int clientHellos;
    private int clientHelloBytes = -1;
    private byte[] clientSessionId = new byte[0];
    private int helloRetryRequests;
    private int serverHelloBytes = -1;
    private boolean serverHelloSeen;
    private boolean resumed;
    private int group = -1;
    private int cipherSuite = -1;
    private int version = -1;

    synchronized void clientSent(byte[] bytes, int offset, int length) {
        bytesFromClient += length;
        if (!serverHelloSeen) {
            fromClient.feed(bytes, offset, length);
        }
    }

    synchronized void serverSent(byte[] bytes, int offset, int length) {
        bytesFromServer += length;
        if (!serverHelloSeen) {
            fromServer.feed(bytes, offset, length);
        }
    }

    /** What the handshake looked like on the wire so far. */
    synchronized Wire wire() {
        return new Wire(bytesFromClient, bytesFromServer, clientHellos, clientHelloBytes, helloRetryRequests,
                serverHelloBytes, serverHelloSeen, resumed, group, cipherSuite, version);
    }

    /**
     * One connection's handshake as seen on the wire.
     *
     * @param bytesFromClient  all bytes the client sent so far (TLS records, headers included)
     * @param bytesFromServer  all bytes the server sent so far
     * @param clientHellos     ClientHello messages sent (2 after a HelloRetryRequest)
     * @param clientHelloBytes size of the first ClientHello message (4-byte header included), -1 if none yet
     * @param helloRetryRequests HelloRetryRequests received
     * @param serverHelloBytes size of the final ServerHello message, -1 if none yet
     * @param serverHelloSeen  whether the final ServerHello arrived
     * @param resumed          whether the server resumed a session (TLS 1.3: it accepted a pre_shared_key; TLS 1.2:
     *                         it echoed the client's non-empty session id)
     * @param group            the key-exchange group of the ServerHello's key_share, -1 if none (TLS 1.2)
     * @param cipherSuite      the selected cipher suite
     * @param version          the negotiated version, e.g. {@code 0x0304} for TLS 1.3
     */
    record Wire(long bytesFromClient, long bytesFromServer, int clientHellos, int clientHelloBytes,
            int helloRetryRequests, int serverHelloBytes, boolean serverHelloSeen, boolean resumed, int group,
            int cipherSuite, int version) {
    }

    private void handshakeMessage(boolean client, int type, byte[] message) {
        if (client && type == CLIENT_HELLO) {
            clientHellos++;
            if (clientHelloBytes < 0) {
                clientHelloBytes = message.length;
                clientSessionId = sessionId(message);
            }
        } else if (!client && type == SERVER_HELLO) {
            serverHello(message);
        }
    }

    private void serverHello(byte[] message) {
        int pos = 4 + 2; // header, legacy_version
        boolean retry = Arrays.equals(message, pos, pos + 32, HELLO_RETRY_RANDOM, 0, 32);
        if (retry) {
            helloRetryRequests++;
            return;
        }
        serverHelloBytes = message.length;
        serverHelloSeen = true;
        version = u16(message, 4);
        pos += 32;
        int idLength = message[pos] & 0xFF;
        byte[] sessionId = Arrays.copyOfRange(message, pos + 1, pos + 1 + idLength);
        pos += 1 + idLength;
        cipherSuite = u16(message, pos);
        pos += 2 + 1; // cipher_suite, legacy_compression_method
        boolean pskAccepted = false;
        if (pos + 2 <= message.length) {
            int end = Math.min(message.length, pos + 2 + u16(message, pos));
            pos += 2;
            while (pos + 4 <= end) {
                int type = u16(message, pos);
                int length = u16(message, pos + 2);
                if (type == EXT_SUPPORTED_VERSIONS && length == 2) {
                    version = u16(message, pos + 4);
                } else if (type == EXT_KEY_SHARE && length >= 2) {
                    group = u16(message, pos + 4);
                } else if (type == EXT_PRE_SHARED_KEY) {
                    pskAccepted = true;
                }
                pos += 4 + length;
            }
        }
        // In TLS 1.3 the session id is always echoed (middlebox compatibility); only a PSK means resumption.
        resumed = version == TLS12
                ? sessionId.length > 0 && Arrays.equals(sessionId, clientSessionId)
                : pskAccepted;
    }

    private static byte[] sessionId(byte[] clientHello) {
        int pos = 4 + 2 + 32;
        int length = clientHello[pos] & 0xFF;
        return Arrays.copyOfRange(clientHello, pos + 1, pos + 1 + length);
    }

    /** Reassembles records, then handshake messages, of one direction. */
    private final class Direction {
        private final boolean client;
        private final ByteArrayOutputStream records = new ByteArrayOutputStream();
        private final ByteArrayOutputStream handshake = new ByteArrayOutputStream();

        Direction(boolean client) {
            this.client = client;
        }

        void feed(byte[] bytes, int offset, int length) {
            records.write(bytes, offset, length);
            byte[] pending = records.toByteArray();
            int pos = 0;
            while (pending.length - pos >= 5 && !serverHelloSeen) {
                int type = pending[pos] & 0xFF;
                int recordLength = u16(pending, pos + 3);
                if (pending.length - pos - 5 < recordLength) {
                    break;
                }
                if (type == HANDSHAKE) {
                    handshake.write(pending, pos + 5, recordLength);
                    messages();
                }
                pos += 5 + recordLength;
            }
            records.reset();
            if (!serverHelloSeen) {
                records.write(pending, pos, pending.length - pos);
            }
        }

        private void messages() {
            byte[] pending = handshake.toByteArray();
            int pos = 0;
            while (pending.length - pos >= 4 && !serverHelloSeen) {
                int type = pending[pos] & 0xFF;
                int length = ((pending[pos + 1] & 0xFF) << 16) | u16(pending, pos + 2);
                if (pending.length - pos - 4 < length) {
                    break;
                }
                handshakeMessage(client, type, Arrays.copyOfRange(pending, pos, pos + 4 + length));
                pos += 4 + length;
            }
            handshake.reset();
            handshake.write(pending, pos, pending.length - pos);
        }
    }

    static int u16(byte[] bytes, int pos) {
        return ((bytes[pos] & 0xFF) << 8) | (bytes[pos + 1] & 0xFF);
    }

    private static byte[] hex(String text) {
        byte[] bytes = new byte[text.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(text.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
