package io.pqws.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads a server's WebSocket close frame (RFC 6455 section 5.5.1) out of the decrypted bytes of one TLS record, when
 * that record holds exactly one such frame and nothing else.
 *
 * <p>Why so strict: the bytes come from below the WebSocket layer, where a record may also start in the middle of a
 * frame; only a whole, unmasked, final close frame with a valid code is taken for one.
 */
final class ServerCloseFrame {

    /** The longest record that can be one close frame: two header bytes and at most 125 bytes of payload. */
    static final int MAX_LENGTH = 127;
    private static final int FIN_CLOSE = 0x88;

    private ServerCloseFrame() {
    }

    /** The close status in {@code record} from {@code from} to its position, sent by the server; or nothing. */
    static Optional<CloseStatus> parse(ByteBuffer record, int from) {
        int length = record.position() - from;
        if (length < 2 || length > MAX_LENGTH || (record.get(from) & 0xFF) != FIN_CLOSE) {
            return Optional.empty();
        }
        int payload = record.get(from + 1) & 0xFF; // the mask bit is 0 on a server's frame, so this is the length
        if (payload != length - 2 || payload == 1) {
            return Optional.empty();
        }
        if (payload == 0) {
            return Optional.of(new CloseStatus(1005, "", true));
        }
        int code = ((record.get(from + 2) & 0xFF) << 8) | (record.get(from + 3) & 0xFF);
        if (code < 1000 || code > 4999) {
            return Optional.empty();
        }
        byte[] reason = new byte[payload - 2];
        for (int i = 0; i < reason.length; i++) {
            reason[i] = record.get(from + 4 + i);
        }
        return Optional.of(new CloseStatus(code, new String(reason, StandardCharsets.UTF_8), true));
    }
}
