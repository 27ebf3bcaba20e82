package io.pqws.metrics;

import io.pqws.config.OperatorAccessRule;
import io.pqws.config.PqwsSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The operator-page access rule of this deployment: {@link PqwsSettings#operatorAccess()}, validated with every other
 * setting when the module starts (an invalid value fails the deployment with the reason; it never falls back to
 * "allow").
 */
@ApplicationScoped
public class OperatorAccess {

    /** What a refused client reads, with the status 403. */
    public static final String REFUSAL = "403 Forbidden: this operator page is served to allowed client addresses only "
            + "(" + PqwsSettings.OPERATOR_ALLOWED_CLIENTS + ")";

    @Inject
    private PqwsSettings settings;

    /** Whether a client with this address may read the operator pages. */
    public boolean allows(String clientAddress) {
        return rule().allows(clientAddress);
    }

    /** The rule, in words, for log lines and error responses. */
    public String describe() {
        return rule().toString();
    }

    /** The server's one log line for a refused request. */
    String refusalLogLine(String uri, String clientAddress) {
        return "pqws: refused operator page " + uri + " to " + clientAddress + " (allowed: " + describe() + ")";
    }

    private OperatorAccessRule rule() {
        return settings.operatorAccess();
    }
}
