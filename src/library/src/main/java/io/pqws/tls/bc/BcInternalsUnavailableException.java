package io.pqws.tls.bc;

/**
 * Thrown when a BCJSSE connection is at hand but the negotiated group cannot be read from it.
 *
 * <p>Why a type of its own: this is not a per-connection problem but a deployment one (an incompatible Bouncy Castle
 * upgrade, or a JVM that does not open BC's provider package), so callers report it loudly once instead of showing
 * users a wrong "classic" verdict.
 */
public class BcInternalsUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BcInternalsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
