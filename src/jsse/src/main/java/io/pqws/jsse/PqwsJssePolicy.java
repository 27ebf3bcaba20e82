package io.pqws.jsse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JVM-wide TLS policy, read once per provider instance from system properties.
 *
 * <p>This is the only place that reads {@value #REQUIRE_HYBRID} and {@value #MODE}. Following Bouncy Castle's
 * {@code PropertyUtils}, it logs whether a property was found or defaulted; unlike it, an unrecognised value is an
 * error, not a warning: a security profile must not guess.
 *
 * <p>{@value #MODE} selects what the provider is. {@value #MODE_POLICY} (the default, every BCJSSE profile): BCJSSE
 * with the pqws policy. {@value #MODE_OBSERVE} (the {@code observe} profile): the JDK's own SunJSSE, untouched, with
 * server engines only watched ({@link ObservingSslContextSpi}), so an operator can measure who offers a hybrid group
 * on the server as it is today, before any trial. Why a mode of the same provider and not a second provider: the
 * counters, their MXBeans and the WAR's readers stay one and the same in every profile.
 *
 * @param requireHybrid whether server engines refuse ClientHellos that cannot lead to a hybrid key exchange
 * @param namedGroups   {@code jdk.tls.namedGroups} split as BCJSSE splits it, or {@code null} when unset
 * @param observeOnly   whether the provider only observes the JDK's SunJSSE ({@value #MODE}={@value #MODE_OBSERVE})
 */
record PqwsJssePolicy(boolean requireHybrid, List<String> namedGroups, boolean observeOnly) {

    static final String REQUIRE_HYBRID = "pqws.tls.requireHybrid";
    static final String NAMED_GROUPS = "jdk.tls.namedGroups";
    static final String MODE = "pqws.tls.mode";
    static final String MODE_POLICY = "policy";
    static final String MODE_OBSERVE = "observe";

    private static final Logger LOG = Logger.getLogger(PqwsJssePolicy.class.getName());
    /** The JDK may construct a provider twice (ServiceLoader scan, then by class name); say each outcome once. */
    private static final AtomicReference<String> LAST_LOGGED = new AtomicReference<>();

    PqwsJssePolicy {
        namedGroups = namedGroups == null ? null : List.copyOf(namedGroups);
    }

    /**
     * @throws IllegalArgumentException with the message an operator needs, when the properties are not a policy
     */
    static PqwsJssePolicy fromSystemProperties() {
        String value = System.getProperty(REQUIRE_HYBRID);
        boolean requireHybrid;
        if (value == null) {
            requireHybrid = false;
            logOnce(Level.FINE, "Boolean system property [" + REQUIRE_HYBRID + "] defaulted to: false");
        } else if ("true".equalsIgnoreCase(value.trim())) {
            requireHybrid = true;
            logOnce(Level.INFO, "Found boolean system property [" + REQUIRE_HYBRID + "]: true");
        } else if ("false".equalsIgnoreCase(value.trim())) {
            requireHybrid = false;
            logOnce(Level.INFO, "Found boolean system property [" + REQUIRE_HYBRID + "]: false");
        } else {
            throw new IllegalArgumentException(REQUIRE_HYBRID + " must be 'true' or 'false', found '" + value
                    + "'; pqws does not guess a TLS security policy");
        }
        PqwsJssePolicy policy = new PqwsJssePolicy(requireHybrid,
                splitLikeBouncyCastle(System.getProperty(NAMED_GROUPS)), observeOnly(System.getProperty(MODE)));
        policy.validate();
        return policy;
    }

    private static boolean observeOnly(String value) {
        if (value == null) {
            logOnce(Level.FINE, "System property [" + MODE + "] defaulted to: " + MODE_POLICY);
            return false;
        }
        String mode = value.trim();
        if (mode.equals(MODE_POLICY) || mode.equals(MODE_OBSERVE)) {
            logOnce(Level.INFO, "Found system property [" + MODE + "]: " + mode);
            return mode.equals(MODE_OBSERVE);
        }
        throw new IllegalArgumentException(MODE + " must be '" + MODE_POLICY + "' (BCJSSE with the pqws policy) or '"
                + MODE_OBSERVE + "' (the JDK's SunJSSE, only observed), found '" + value + "'; pqws does not guess a"
                + " TLS security policy");
    }

    /**
     * Checks what can be checked before Bouncy Castle is involved; {@link PqwsSslContextSpi} checks the rest against
     * what Bouncy Castle really accepted.
     */
    void validate() {
        if (observeOnly && requireHybrid) {
            throw new IllegalArgumentException(MODE + "=" + MODE_OBSERVE + " leaves TLS to the JDK's SunJSSE, which"
                    + " has no hybrid group on this JDK, so it cannot be combined with " + REQUIRE_HYBRID + "=true");
        }
        if (!requireHybrid) {
            return;
        }
        String found = namedGroups == null ? "it is not set" : "found '" + String.join(",", namedGroups) + "'";
        int firstHybrid = -1;
        for (int i = 0; i < (namedGroups == null ? 0 : namedGroups.size()); i++) {
            if (isHybridName(namedGroups.get(i))) {
                firstHybrid = i;
                break;
            }
        }
        if (firstHybrid < 0) {
            throw new IllegalArgumentException(REQUIRE_HYBRID + "=true requires " + NAMED_GROUPS
                    + " to list a hybrid post-quantum group (one of " + Groups.hybridNames() + "); " + found);
        }
        if (firstHybrid > 0) {
            throw new IllegalArgumentException(REQUIRE_HYBRID + "=true requires " + NAMED_GROUPS
                    + " to list hybrid groups before classic ones, because the server selects the first group of this"
                    + " list that the client offers; " + found);
        }
    }

    /** The hybrid groups named in {@code jdk.tls.namedGroups}, in order. */
    List<String> configuredHybrids() {
        List<String> hybrids = new ArrayList<>();
        if (namedGroups != null) {
            namedGroups.stream().filter(PqwsJssePolicy::isHybridName).forEach(hybrids::add);
        }
        return hybrids;
    }

    private static boolean isHybridName(String name) {
        Optional<Integer> codePoint = Groups.codePoint(name);
        return codePoint.isPresent() && Groups.isHybrid(codePoint.get());
    }

    /** Bouncy Castle's reading: trim, strip one pair of double quotes, split on ',', drop empty entries. */
    private static List<String> splitLikeBouncyCastle(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.length() > 1 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        return Arrays.stream(trimmed.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static void logOnce(Level level, String message) {
        if (LOG.isLoggable(level) && !message.equals(LAST_LOGGED.getAndSet(message))) {
            LOG.log(level, message);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s=%s, %s=%s, %s=%s", MODE, observeOnly ? MODE_OBSERVE : MODE_POLICY,
                REQUIRE_HYBRID, requireHybrid, NAMED_GROUPS, namedGroups == null ? "(unset)" : String.join(",",
                namedGroups));
    }
}
