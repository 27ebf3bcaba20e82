package io.pqws.jsse;

import java.security.Provider;
import java.security.ProviderException;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The {@code PQWS} JSSE policy provider: BCJSSE's SSLContexts with the pqws TLS policy applied.
 *
 * <p>Installed first in the container JVM's provider list, ahead of {@code BCJSSE}, so that the container's
 * {@code SSLContext.getInstance("TLS")} and {@code SSLContext.getDefault()} come from here (see
 * {@code package-info}). It offers every SSLContext algorithm BCJSSE offers, aliases included, so that no algorithm
 * name reaches BCJSSE (or SunJSSE) around the policy; key and trust manager factories stay BCJSSE's.
 *
 * <p>With {@code pqws.tls.mode=observe} (the {@code observe} profile) the same algorithms are the JDK's SunJSSE's,
 * only observed ({@link ObservingSslContextSpi}); BCJSSE is then neither needed nor used. SunJSSE's names are the
 * same, aliases included; its DTLS contexts, which PQWS does not offer, are reached through the provider order.
 *
 * <p>A configuration error does not make the constructor throw. The JDK loads {@code security.provider.N} entries
 * lazily and forgivingly: a provider whose constructor fails while found through {@link java.util.ServiceLoader} is
 * skipped silently, and one that keeps failing is given up after 30 attempts, after which {@code getInstance} moves
 * on to the next provider, unguarded. So the error is logged at construction, and every SSLContext request then
 * fails with a {@link ProviderException} (which, unlike {@code NoSuchAlgorithmException}, JCA does not answer by
 * trying the next provider) carrying the same precise message, for as long as the JVM runs.
 */
public final class PqwsJsseProvider extends Provider {

    /** The provider name. */
    public static final String NAME = "PQWS";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(PqwsJsseProvider.class.getName());

    /** Every SSLContext algorithm of BCJSSE 1.84, with the aliases BCJSSE registers for it. */
    private static final Map<String, List<String>> ALGORITHMS = Map.of(
            "TLS", List.of("SSL"),
            "TLSv1", List.of("SSLv3"),
            "TLSv1.1", List.of(),
            "TLSv1.2", List.of(),
            "TLSv1.3", List.of(),
            PqwsSslContextSpi.DEFAULT, List.of());

    private final transient Provider bcJsse;
    private final transient PqwsJssePolicy policy;
    private final String configurationError;

    /** For the JVM's provider list: delegates to the installed provider named {@code BCJSSE}. */
    public PqwsJsseProvider() {
        this(null);
    }

    /**
     * For programmatic use and tests: delegates to the given BCJSSE instance, installed or not.
     *
     * @param bcJsse a {@code org.bouncycastle.jsse.provider.BouncyCastleJsseProvider}, or {@code null} for the
     *               installed one
     */
    public PqwsJsseProvider(Provider bcJsse) {
        super(NAME, "0.1", "pqws TLS policy over BCJSSE: server named-group order, optional hybrid-only ClientHello"
                + " guard; or, in observe mode, SunJSSE observed");
        this.bcJsse = bcJsse;
        PqwsJssePolicy read = null;
        String error = null;
        try {
            read = PqwsJssePolicy.fromSystemProperties();
        } catch (IllegalArgumentException e) {
            error = "PQWS JSSE policy is misconfigured: " + e.getMessage();
            LOG.severe(error + "; every SSLContext request to PQWS will fail");
        }
        this.policy = read;
        this.configurationError = error;
        ALGORITHMS.forEach((algorithm, aliases) -> putService(new SslContextService(this, algorithm, aliases)));
    }

    /** Whether this instance holds server engines to a hybrid key exchange ({@code pqws.tls.requireHybrid}). */
    public boolean isRequireHybrid() {
        return policy != null && policy.requireHybrid();
    }

    private static final class SslContextService extends Service {

        private final PqwsJsseProvider provider;

        SslContextService(PqwsJsseProvider provider, String algorithm, List<String> aliases) {
            super(provider, "SSLContext", algorithm, PqwsSslContextSpi.class.getName(), aliases,
                    Map.of("ImplementedIn", "Software"));
            this.provider = provider;
        }

        @Override
        public Object newInstance(Object constructorParameter) {
            if (provider.configurationError != null) {
                throw new ProviderException(provider.configurationError);
            }
            if (provider.policy.observeOnly()) {
                return new ObservingSslContextSpi(getAlgorithm());
            }
            return new PqwsSslContextSpi(getAlgorithm(), provider.policy, provider.bcJsse);
        }
    }
}
