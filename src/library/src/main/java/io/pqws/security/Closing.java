package io.pqws.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

/**
 * Closes a session for a reason the client is told, and writes exactly one log line saying which session, whose,
 * on which path, with which code and why.
 *
 * <p>Why one place: every refusal (too big, too fast, malformed, too slow) must look the same to the client (a close
 * code and a short reason, never a stack trace) and to the operator (one line, greppable by session id).
 *
 * <p>Why a close asked for while a session opens ({@link #opening}) is made later, on the container's default managed
 * executor: {@code @OnOpen} runs inside the service of the upgrade request. On Payara and GlassFish, closing there
 * makes Tyrus close the {@code WebConnection}, which resumes and recycles that HTTP request while its own service is
 * still running; the container then serves the client's next bytes on that connection as a new HTTP request made of
 * the recycled objects ({@code NullPointerException}s in the server log, e.g. in
 * {@code PECoyoteConnector.requestEndEvent}) and can hand corrupted request objects to later requests: a valid
 * upgrade that followed such a close was once answered 404 (ChatIT, Payara Micro 7). Made later, on another thread,
 * the close no longer runs inside that service; it can still overlap its last steps, as a client's own close right
 * after the upgrade can, so the damage becomes rare, not impossible: the remedy proper is the container's. Until the
 * close is made the session is {@link #refused}: its messages are ignored.
 */
public final class Closing {

    /** RFC 6455: a close frame's payload is at most 125 bytes, two of them the code. */
    static final int MAX_REASON_BYTES = 123;

    /** The platform's default executor (Jakarta Concurrency 3.0, section 3.1.4); looked up, see IdleReaper. */
    static final String DEFAULT_EXECUTOR = "java:comp/DefaultManagedExecutorService";

    /** The user property that marks a session whose close, asked for while it opened, is still to be made. */
    static final String REFUSED = Closing.class.getName() + ".refused";

    private static final Logger LOG = Logger.getLogger(Closing.class.getName());
    private static final ThreadLocal<Opening> OPENING = new ThreadLocal<>();

    /** The session whose opening runs on this thread, and where a close it asks for is made. */
    private record Opening(Session session, Supplier<Executor> later) {
    }

    private Closing() {
    }

    /**
     * Runs an endpoint's opening of the session ({@code @OnOpen}); a {@link #close} of that session it asks for is
     * logged at once and made on the container's default managed executor, after the opening has returned.
     */
    public static <T> T opening(Session session, Supplier<T> open) {
        return opening(session, Closing::defaultExecutor, open);
    }

    static <T> T opening(Session session, Supplier<Executor> later, Supplier<T> open) {
        Opening outer = OPENING.get();
        OPENING.set(new Opening(session, later));
        try {
            return open.get();
        } finally {
            if (outer == null) {
                OPENING.remove();
            } else {
                OPENING.set(outer);
            }
        }
    }

    /** Whether the session's opening asked for its close, which is not made yet or just was. */
    public static boolean refused(Session session) {
        return session.getUserProperties().get(REFUSED) instanceof CloseReason;
    }

    public static void close(Session session, CloseReason.CloseCode code, String reason) {
        String phrase = trim(reason);
        LOG.log(Level.INFO, "pqws: session {0} of {1} on {2} closed with {3}: {4}", new Object[] {
            session.getId(), user(session), path(session), Integer.toString(code.getCode()), phrase});
        CloseReason closeReason = new CloseReason(code, phrase);
        Opening opening = OPENING.get();
        if (opening != null && opening.session() == session) {
            session.getUserProperties().put(REFUSED, closeReason);
            try {
                opening.later().get().execute(() -> closeUnlogged(session, closeReason));
                return;
            } catch (RejectedExecutionException e) {
                LOG.log(Level.FINE, "session {0} is closed at once, the executor refused: {1}",
                        new Object[] {session.getId(), e});
            }
        }
        closeUnlogged(session, closeReason);
    }

    /**
     * The container's default managed executor, or, where there is none (outside a container), one that runs the
     * close at once.
     */
    private static Executor defaultExecutor() {
        try {
            return InitialContext.<ManagedExecutorService>doLookup(DEFAULT_EXECUTOR);
        } catch (NamingException e) {
            LOG.log(Level.WARNING, "pqws: no {0} ({1}); a session refused while it opens is closed at once",
                    new Object[] {DEFAULT_EXECUTOR, e.toString()});
            return Runnable::run;
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
