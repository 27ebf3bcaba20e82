package io.pqws.tls;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.util.Optional;
import java.util.logging.Logger;

import javax.net.ssl.SSLContext;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

/**
 * Refuses to start the module on a JVM that claims a pqws PQ profile but does not really run it.
 *
 * <p>Why in the WAR at all, when TLS is the container's: the JDK silently skips a provider it cannot load, so a
 * missing jar would leave the container on SunJSSE with no hybrid group and nobody would notice. The module is what
 * users look at, so it checks once at deployment and fails it with a precise message. On a JVM without a profile
 * ({@code pqws.profile} unset) it deploys unchanged and says that groups will not be reported.
 *
 * <p>The {@code observe} profile ({@code pqws.tls.mode=observe}) promises the opposite of the others: TLS stays the
 * JDK's SunJSSE and only the PQWS provider watches it. So there the check is that {@code SSLContext} TLS still comes
 * from PQWS (else nothing is observed, silently) and that BCJSSE is <em>not</em> installed, so that no Bouncy Castle
 * code can be in the TLS path; neither groups nor BC's opened package are required.
 */
@ApplicationScoped
public class TlsProfileCheck {

    static final String PROFILE_PROPERTY = "pqws.profile";
    static final String POLICY_PROVIDER = "PQWS";
    static final String BC_JSSE = "BCJSSE";
    static final String MODE_PROPERTY = "pqws.tls.mode";
    static final String OBSERVE = "observe";
    private static final String BC_PROVIDER_PACKAGE = "org.bouncycastle.jsse.provider";

    private static final Logger LOG = Logger.getLogger(TlsProfileCheck.class.getName());

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        String profile = System.getProperty(PROFILE_PROPERTY);
        if (profile == null) {
            LOG.info("pqws: no PQ profile on this JVM (pqws.profile unset); the container's default TLS stack "
                    + "serves wss:// and the negotiated key-exchange group will not be reported");
            return;
        }
        String problem = problem();
        if (problem != null) {
            throw new IllegalStateException("pqws PQ profile '" + profile + "' is not in effect: " + problem);
        }
        if (observeOnly()) {
            LOG.info(() -> "pqws: PQ profile '" + profile + "' in effect: the JDK's own TLS, every server handshake"
                    + " observed");
            return;
        }
        LOG.info(() -> "pqws: PQ profile '" + profile + "' in effect; key-exchange groups "
                + System.getProperty("jdk.tls.namedGroups"));
    }

    /** The PQ profile this JVM claims ({@code pqws.profile}), if any. */
    public static Optional<String> profileName() {
        String profile = System.getProperty(PROFILE_PROPERTY);
        return profile == null || profile.isBlank() ? Optional.empty() : Optional.of(profile);
    }

    /** Whether the PQWS provider only observes the JDK's TLS ({@code pqws.tls.mode=observe}). */
    public static boolean observeOnly() {
        return OBSERVE.equals(System.getProperty(MODE_PROPERTY));
    }

    /** What is wrong with the profile on this JVM, or null when it is in effect. */
    static String problem() {
        if (observeOnly()) {
            return observeProblem();
        }
        Provider bcJsse = Security.getProvider(BC_JSSE);
        if (bcJsse == null) {
            return "the BCJSSE provider is not installed (bctls missing from the module path, or the "
                    + "java.security overlay not applied)";
        }
        String notPqws = tlsProviderProblem(
                " policy provider (pqws-jsse.jar missing or the overlay's provider order wrong)");
        if (notPqws != null) {
            return notPqws;
        }
        String groups = System.getProperty("jdk.tls.namedGroups");
        if (groups == null || groups.isBlank()) {
            return "jdk.tls.namedGroups is not set";
        }
        Module bcModule = bcJsse.getClass().getModule();
        if (bcModule.isNamed() && !bcModule.isOpen(BC_PROVIDER_PACKAGE, TlsProfileCheck.class.getModule())) {
            return "package " + BC_PROVIDER_PACKAGE + " is not opened to the application; add --add-opens "
                    + bcModule.getName() + "/" + BC_PROVIDER_PACKAGE + "=ALL-UNNAMED";
        }
        return null;
    }

    private static String observeProblem() {
        if (Security.getProvider(BC_JSSE) != null) {
            return "the observe profile leaves TLS to the JDK, but the BCJSSE provider is installed (the observe"
                    + " profile's java.security overlay lists no Bouncy Castle provider)";
        }
        return tlsProviderProblem(
                " provider, so no handshake is observed (pqws-jsse.jar missing or the overlay not applied)");
    }

    /**
     * The problem when {@code SSLContext.getInstance("TLS")} does not come from the PQWS provider, its message ending
     * in {@code rest}; null when it does.
     */
    private static String tlsProviderProblem(String rest) {
        String tlsProvider;
        try {
            tlsProvider = SSLContext.getInstance("TLS").getProvider().getName();
        } catch (NoSuchAlgorithmException e) {
            return "no TLS implementation: " + e.getMessage();
        }
        return tlsProvider.equals(POLICY_PROVIDER) ? null
                : "SSLContext TLS comes from " + tlsProvider + ", not from the " + POLICY_PROVIDER + rest;
    }
}
