package io.pqws.jsse;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLProtocolException;

/**
 * Collects the plaintext handshake records that carry the first ClientHello, one whole record at a time, exactly as
 * an {@link javax.net.ssl.SSLEngine} consumes input: a record that has not fully arrived is not consumed.
 *
 * <p>Only the handshake bytes are kept (not the record headers), so a client that fragments its ClientHello into
 * tiny records cannot make this buffer grow faster than the ClientHello itself. {@link #records()} frames the same
 * bytes again for the real engine; record boundaries are not part of the TLS transcript, so this is invisible to it.
 */
final class ClientHelloAssembler {

    static final int RECORD_HEADER_LENGTH = 5;
    static final int CONTENT_TYPE_HANDSHAKE = 22;
    /** RFC 8446 5.1: a plaintext record carries at most 2^14 bytes. */
    static final int MAX_FRAGMENT_LENGTH = 1 << 14;
    /** Generous bound on a ClientHello (real ones with ML-KEM shares are 2-6 KB); Bouncy Castle enforces its own. */
    static final int MAX_CLIENT_HELLO_LENGTH = 1 << 16;

    private byte[] handshake = new byte[2048];
    private int length;
    private int recordVersion = -1;
    private int messageLength = -1;

    /**
     * Consumes at most one complete record from {@code src}.
     *
     * @return the bytes consumed, or 0 when {@code src} does not yet hold a complete record (buffer underflow)
     * @throws SSLProtocolException if the input cannot be the record layer of a TLS ClientHello
     */
    int offer(ByteBuffer src) throws SSLProtocolException {
        if (isComplete()) {
            throw new IllegalStateException("ClientHello already complete");
        }
        int start = src.position();
        if (src.remaining() >= 1 && (src.get(start) & 0x80) != 0) {
            throw refused("an SSLv2-compatible ClientHello");
        }
        if (src.remaining() >= 1 && src.get(start) != CONTENT_TYPE_HANDSHAKE) {
            throw refused("a record of content type %d where a handshake record was expected", src.get(start) & 0xFF);
        }
        if (src.remaining() >= 2 && src.get(start + 1) != 3) {
            throw refused("record version major %d (TLS uses 3)", src.get(start + 1) & 0xFF);
        }
        if (src.remaining() < RECORD_HEADER_LENGTH) {
            return 0;
        }
        int version = ((src.get(start + 1) & 0xFF) << 8) | (src.get(start + 2) & 0xFF);
        int fragmentLength = ((src.get(start + 3) & 0xFF) << 8) | (src.get(start + 4) & 0xFF);
        if (fragmentLength == 0) {
            throw refused("an empty handshake record");
        }
        if (fragmentLength > MAX_FRAGMENT_LENGTH) {
            throw refused("a record of %d bytes (at most %d)", fragmentLength, MAX_FRAGMENT_LENGTH);
        }
        if (src.remaining() < RECORD_HEADER_LENGTH + fragmentLength) {
            return 0;
        }
        if (recordVersion < 0) {
            recordVersion = version;
        }
        src.position(start + RECORD_HEADER_LENGTH);
        append(src, fragmentLength);
        checkMessageHeader();
        return RECORD_HEADER_LENGTH + fragmentLength;
    }

    boolean isComplete() {
        return messageLength >= 0 && length >= ClientHelloParser.HANDSHAKE_HEADER_LENGTH + messageLength;
    }

    /** The complete ClientHello handshake message (header and body). */
    ByteBuffer message() {
        if (!isComplete()) {
            throw new IllegalStateException("ClientHello incomplete");
        }
        return ByteBuffer.wrap(handshake, 0, ClientHelloParser.HANDSHAKE_HEADER_LENGTH + messageLength).slice();
    }

    /** Everything received, re-framed into records of at most 2^14 bytes with the client's record version. */
    List<ByteBuffer> records() {
        List<ByteBuffer> records = new ArrayList<>();
        for (int offset = 0; offset < length; offset += MAX_FRAGMENT_LENGTH) {
            int fragment = Math.min(MAX_FRAGMENT_LENGTH, length - offset);
            ByteBuffer record = ByteBuffer.allocate(RECORD_HEADER_LENGTH + fragment);
            record.put((byte) CONTENT_TYPE_HANDSHAKE).putShort((short) recordVersion).putShort((short) fragment);
            record.put(handshake, offset, fragment).flip();
            records.add(record);
        }
        return records;
    }

    private void append(ByteBuffer src, int count) throws SSLProtocolException {
        if (length + count > MAX_CLIENT_HELLO_LENGTH + MAX_FRAGMENT_LENGTH) {
            throw refused("a ClientHello of more than %d bytes", MAX_CLIENT_HELLO_LENGTH);
        }
        if (length + count > handshake.length) {
            handshake = Arrays.copyOf(handshake, Math.max(handshake.length * 2, length + count));
        }
        src.get(handshake, length, count);
        length += count;
    }

    private void checkMessageHeader() throws SSLProtocolException {
        if (length >= 1 && handshake[0] != ClientHelloParser.HANDSHAKE_TYPE_CLIENT_HELLO) {
            throw refused("handshake message type %d where client_hello(1) was expected", handshake[0] & 0xFF);
        }
        if (messageLength < 0 && length >= ClientHelloParser.HANDSHAKE_HEADER_LENGTH) {
            messageLength = ((handshake[1] & 0xFF) << 16) | ((handshake[2] & 0xFF) << 8) | (handshake[3] & 0xFF);
            if (messageLength > MAX_CLIENT_HELLO_LENGTH - ClientHelloParser.HANDSHAKE_HEADER_LENGTH) {
                throw refused("a ClientHello of %d bytes (at most %d)", messageLength, MAX_CLIENT_HELLO_LENGTH);
            }
        }
    }

    private static SSLProtocolException refused(String format, Object... args) {
        return new SSLProtocolException("not a TLS ClientHello: " + String.format(Locale.ROOT, format, args));
    }
}
