package io.pqws.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

/**
 * Closes a session for a reason the client is told, and writes exactly one log line saying which session, whose,
 * on which path, with which code and why.
 *
 * <p>Why one place: every refusal (too big, too fast, malformed, too slow) must look the same to the client (a close
 * code and a short reason, never a stack trace) and to the operator (one line, greppable by session id).
 */
public final class Closing {

    /** RFC 6455: a close frame's payload is at most 125 bytes, two of them the code. */
    static final int MAX_REASON_BYTES = 123;

    private static final Logger LOG = Logger.getLogger(Closing.class.getName());

    private Closing() {
    }

    public static void close(Session session, CloseReason.CloseCode code, String reason) {
        String phrase = trim(reason);
        LOG.log(Level.INFO, "pqws: session {0} of {1} on {2} closed with {3}: {4}", new Object[] {
            session.getId(), user(session), path(session), Integer.toString(code.getCode()), phrase});
        try {
            if (session.isOpen()) {
                session.close(new CloseReason(code, phrase));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "session {0} could not be closed cleanly: {1}", new Object[] {session.getId(), e});
        }
    }

    /**
     * Closes a session without a log line of its own, for a caller that closes many at once and logs them together
     * (a stopping server); a session that cannot be closed cleanly is only noted at FINE.
     */
    static void closeUnlogged(Session session, CloseReason reason) {
        try {
            if (session.isOpen()) {
                session.close(reason);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "session {0} could not be closed cleanly: {1}", new Object[] {session.getId(), e});
        }
    }

    /** The reason cut to what fits a close frame, on a character boundary. */
    static String trim(String reason) {
        String text = reason == null ? "" : reason;
        if (text.getBytes(StandardCharsets.UTF_8).length <= MAX_REASON_BYTES) {
            return text;
        }
        StringBuilder cut = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_REASON_BYTES) {
                break;
            }
            cut.appendCodePoint(codePoint);
            bytes += size;
            i += Character.charCount(codePoint);
        }
        return cut.toString();
    }

    private static String user(Session session) {
        Principal principal = session.getUserPrincipal();
        return principal == null ? "an anonymous client" : "'" + principal.getName() + "'";
    }

    private static String path(Session session) {
        return session.getRequestURI() == null ? "?" : session.getRequestURI().getPath();
    }
}
