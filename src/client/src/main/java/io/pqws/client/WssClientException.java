package io.pqws.client;

/**
 * A connection attempt or an exchange failed; {@link #getMessage()} is a one-line reason fit to show a user
 * ({@code "TLS handshake failed: received fatal alert handshake_failure"}), the cause keeps the details.
 *
 * <p>Why checked and with a {@link Kind}: every caller must decide what a failure means, and the CLI maps the kind to
 * its exit code while tests assert on it, without parsing messages.
 */
public class WssClientException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, coarse enough to act on. */
    public enum Kind {
        /** The settings cannot be used (unreadable key, bad URL). */
        SETUP,
        /** TCP connect or HTTP upgrade failed. */
        CONNECT,
        /** The TLS handshake failed: alert, untrusted certificate, hostname mismatch. */
        TLS,
        /** The server closed the connection, or it was lost. */
        CLOSED,
        /** The connection works but violates the client's policy (e.g. not hybrid under hybrid-only). */
        POLICY,
        /** Nothing happened within the allowed time. */
        TIMEOUT,
        /** A bug or an incompatible library version. */
        INTERNAL
    }

    private final Kind kind;

    public WssClientException(Kind kind, String reason) {
        this(kind, reason, null);
    }

    public WssClientException(Kind kind, String reason, Throwable cause) {
        super(oneLine(reason), cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
