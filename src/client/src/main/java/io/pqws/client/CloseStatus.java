package io.pqws.client;

/**
 * How a WebSocket connection ended: the RFC 6455 close code, the reason phrase and who closed it.
 *
 * <p>Why {@code byServer}: a 1008 the server sent means "the server refused us", while the same code after our own
 * {@code close()} means nothing; callers and tests need to tell the two apart.
 *
 * @param code     the close code (1000 normal, 1008 policy violation, 1006 connection lost without a close frame…)
 * @param reason   the reason phrase, empty when none was given
 * @param byServer whether the server started the close
 */
public record CloseStatus(int code, String reason, boolean byServer) {

    public CloseStatus {
        reason = reason == null ? "" : reason;
    }

    /** {@code "1008 origin not allowed"}, or just the code without a reason phrase. */
    public String describe() {
        return reason.isEmpty() ? Integer.toString(code) : code + " " + reason;
    }
}
