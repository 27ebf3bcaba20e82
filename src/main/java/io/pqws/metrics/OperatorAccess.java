package io.pqws.metrics;

import java.net.InetAddress;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

/**
 * The operator-page access rule of this deployment ({@link OperatorAccessRule}), read and validated once when the
 * module starts: an invalid value fails the deployment with the reason, it never falls back to "allow".
 */
@ApplicationScoped
public class OperatorAccess {

    private static final Logger LOG = Logger.getLogger(OperatorAccess.class.getName());

    private volatile OperatorAccessRule rule;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        rule();
    }

    /** Whether a client with this address may read the operator pages. */
    public boolean allows(String clientAddress) {
        InetAddress address;
        try {
            address = AddressRange.literal(clientAddress);
        } catch (IllegalArgumentException e) {
            return false; // not an address (e.g. a Unix socket peer): not an allowed client
        }
        return rule().allows(address);
    }

    /** The rule, in words, for log lines and error responses. */
    public String describe() {
        return rule().toString();
    }

    private OperatorAccessRule rule() {
        OperatorAccessRule current = rule;
        if (current == null) {
            String value = System.getProperty(OperatorAccessRule.PROPERTY, OperatorAccessRule.DEFAULT);
            try {
                current = OperatorAccessRule.parse(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("pqws operator pages: " + e.getMessage(), e);
            }
            rule = current;
            String allowed = current.toString();
            LOG.info(() -> "pqws: operator pages (/api/metrics, /api/status, /status.html) are served to " + allowed
                    + " (" + OperatorAccessRule.PROPERTY + ")");
        }
        return current;
    }
}
