package io.pqws.client;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The first bytes a server sends on a connection, gathered from the decrypted data as it arrives, up to the blank
 * line that ends the head of its answer to the upgrade request (at most {@link #LIMIT} bytes).
 *
 * <p>Why: the engine sees this head before Grizzly does, and keeps it for the case where Grizzly never hands the
 * answer on (see {@link ObservedSslEngine}). One connection's reading thread uses an instance; it is not shared.
 */
final class AnswerHead {

    /** A head longer than this is not a plausible upgrade answer; what came so far is kept, nothing more. */
    static final int LIMIT = 8_192;
    private static final byte[] END = {'\r', '\n', '\r', '\n'};

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private int matched;
    private boolean complete;

    /** Whether the head has ended (or reached the limit), so that nothing more is gathered. */
    boolean complete() {
        return complete;
    }

    /** Takes the bytes an unwrap wrote into {@code written} from {@code from} to its position, up to the head's end. */
    void append(ByteBuffer written, int from) {
        for (int i = from; i < written.position() && !complete; i++) {
            byte b = written.get(i);
            bytes.write(b);
            matched = b == END[matched] ? matched + 1 : (b == END[0] ? 1 : 0);
            complete = matched == END.length || bytes.size() >= LIMIT;
        }
    }

    /** The answer, when a whole head arrived and it is an HTTP answer; otherwise nothing. */
    Optional<UpgradeAnswer> answer() {
        return matched == END.length ? UpgradeAnswer.parse(bytes.toByteArray()) : Optional.empty();
    }
}
