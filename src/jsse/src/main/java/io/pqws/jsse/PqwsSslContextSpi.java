package io.pqws.jsse;

import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.Provider;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.Security;
import java.util.List;
import java.util.logging.Logger;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.BCSSLParameters;

/**
 * An SSLContext that is a BCJSSE SSLContext of the same algorithm plus the pqws policy:
 * <ul>
 * <li>every engine it creates prefers the server's named-group order ({@code useNamedGroupsOrder=true});</li>
 * <li>every engine is a {@link ClientHelloGuardEngine} (pass-through in client mode), which counts each server
 * handshake ({@link ServerHandshakes}) and, in require-hybrid mode only, refuses a ClientHello without a hybrid
 * group; server-mode sockets, which it cannot see into, are not counted, and in require-hybrid mode get no
 * credentials ({@link EngineOnlyKeyManager}), so their handshakes fail;</li>
 * <li>initialization fails when Bouncy Castle cannot use a hybrid group that {@code jdk.tls.namedGroups} asks for;</li>
 * <li>the server's EC key reaches Bouncy Castle as a BC key object ({@link BcNativeKeyManager}), for speed;</li>
 * <li>the server session context can be configured before initialization, as with SunJSSE
 * ({@link DeferredServerSessionContext}; GlassFish 7 does that).</li>
 * </ul>
 * Everything else is Bouncy Castle's.
 */
final class PqwsSslContextSpi extends SSLContextSpi {

    static final String BCJSSE = "BCJSSE";
    /** Bouncy Castle's JCA provider, installed last by every PQ profile; its signing wants its own key objects. */
    static final String BOUNCY_CASTLE = "BC";
    static final String DEFAULT = "Default";

    private static final Logger LOG = Logger.getLogger(PqwsSslContextSpi.class.getName());

    private final String algorithm;
    private final PqwsJssePolicy policy;
    private final SSLContext bc;
    private final DeferredServerSessionContext serverSessions = new DeferredServerSessionContext();
    /** Set by a successful initialization; {@code null} means no engine may be created. */
    private volatile HybridRequirement groups;

    /**
     * @param bcJsse the BCJSSE provider instance, or {@code null} to look it up by name among the installed providers
     * @throws ProviderException (never {@link NoSuchAlgorithmException}, which would make JCA fall over silently to
     *                           the next provider) when BCJSSE is missing or the Default context cannot be built
     */
    PqwsSslContextSpi(String algorithm, PqwsJssePolicy policy, Provider bcJsse) {
        this.algorithm = algorithm;
        this.policy = policy;
        boolean rebuildDefault = DEFAULT.equals(algorithm) && policy.requireHybrid();
        this.bc = bcContext(rebuildDefault ? "TLS" : algorithm, bcJsse);
        if (DEFAULT.equals(algorithm)) {
            try {
                if (rebuildDefault) {
                    bc.init(EngineOnlyKeyManager.wrap(DefaultManagers.keyManagers(bc.getProvider())),
                            DefaultManagers.trustManagers(),
                            null);
                }
                this.groups = checkGroups();
                serverSessions.attach(bc.getServerSessionContext());
            } catch (Exception e) {
                throw new ProviderException("PQWS could not build the Default SSLContext: " + e.getMessage(), e);
            }
        }
    }

    private static SSLContext bcContext(String algorithm, Provider bcJsse) {
        try {
            return bcJsse != null ? SSLContext.getInstance(algorithm, bcJsse) : SSLContext.getInstance(algorithm, BCJSSE);
        } catch (NoSuchProviderException e) {
            throw new ProviderException("PQWS requires the Bouncy Castle JSSE provider '" + BCJSSE + "' to be installed"
                    + " (java.security: security.provider.N=org.bouncycastle.jsse.provider.BouncyCastleJsseProvider BC,"
                    + " after PQWS), but it is not; PQWS never falls back to another JSSE provider", e);
        } catch (NoSuchAlgorithmException e) {
            throw new ProviderException("PQWS: provider " + (bcJsse != null ? bcJsse.getName() : BCJSSE)
                    + " offers no SSLContext." + algorithm, e);
        }
    }

    @Override
    protected void engineInit(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random)
            throws KeyManagementException {
        if (DEFAULT.equals(algorithm)) {
            throw new KeyManagementException("Default SSLContext is initialized automatically");
        }
        groups = null;
        KeyManager[] managers = BcNativeKeyManager.wrap(keyManagers, Security.getProvider(BOUNCY_CASTLE));
        bc.init(policy.requireHybrid() ? EngineOnlyKeyManager.wrap(managers) : managers, trustManagers, random);
        serverSessions.attach(bc.getServerSessionContext());
        try {
            groups = checkGroups();
        } catch (SSLException e) {
            KeyManagementException failure = new KeyManagementException(e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }

    /** Compares what Bouncy Castle accepted with what the policy asked for. */
    private HybridRequirement checkGroups() throws SSLException {
        List<Integer> effective = GroupProbe.tls13Groups(bc);
        for (String hybrid : policy.configuredHybrids()) {
            int codePoint = Groups.codePoint(hybrid).orElseThrow();
            if (!effective.contains(codePoint)) {
                throw new SSLException(PqwsJssePolicy.NAMED_GROUPS + " asks for " + hybrid + " but Bouncy Castle cannot"
                        + " use it in TLS 1.3 (its effective groups are " + Groups.names(effective) + "); on JDK 17 the"
                        + " BCJSSE provider has ML-KEM only over the Bouncy Castle provider: configure it as"
                        + " 'org.bouncycastle.jsse.provider.BouncyCastleJsseProvider BC' with BC installed, and check"
                        + " jdk.tls.disabledAlgorithms");
            }
        }
        boolean hybridFirst = !effective.isEmpty() && Groups.isHybrid(effective.get(0));
        if (policy.requireHybrid() && !hybridFirst) {
            throw new SSLException(PqwsJssePolicy.REQUIRE_HYBRID + "=true but Bouncy Castle's effective TLS 1.3 group "
                    + "order " + Groups.names(effective) + " does not start with a hybrid post-quantum group");
        }
        if (!hybridFirst) {
            LOG.warning("Server engines prefer " + Groups.names(effective) + ": the first group is not a hybrid"
                    + " post-quantum group, so hybrid-capable clients will not get one");
        }
        if (policy.requireHybrid() && !effective.contains(Groups.SECP256R1)) {
            LOG.warning(PqwsJssePolicy.NAMED_GROUPS + " lacks secp256r1: Bouncy Castle then refuses"
                    + " ecdsa_secp256r1_sha256 in TLS 1.3, so an ECDSA P-256 server certificate cannot be used");
        }
        return new HybridRequirement(effective);
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
        return configure(bc.createSSLEngine());
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
        return configure(bc.createSSLEngine(host, port));
    }

    private SSLEngine configure(SSLEngine engine) {
        HybridRequirement requirement = initialized();
        preferServerGroupOrder((BCSSLEngine) engine);
        return new ClientHelloGuardEngine(engine, requirement, policy.requireHybrid(), HandshakeFailures.jvmWide(),
                new HandshakeObserver(requirement, ServerHandshakes.jvmWide(), ClientFingerprints.jvmWide()));
    }

    /**
     * Turns on BCJSSE's server-side named-group order for one engine. Only {@code ProvTlsServer} reads the flag, so it
     * is harmless on an engine that ends up in client mode.
     *
     * <p>Cipher suites and protocols are left {@code null}, which {@code setParameters} skips: writing them back would
     * replace BCJSSE's default arrays with copies, and BCJSSE recognizes its defaults by identity when
     * {@code setUseClientMode(false)} switches an engine from the client defaults ({@code jdk.tls.client.protocols})
     * to the server defaults ({@code jdk.tls.server.protocols}).
     */
    static void preferServerGroupOrder(BCSSLEngine engine) {
        BCSSLParameters parameters = engine.getParameters();
        if (!parameters.getUseNamedGroupsOrder()) {
            parameters.setCipherSuites(null);
            parameters.setProtocols(null);
            parameters.setUseNamedGroupsOrder(true);
            engine.setParameters(parameters);
        }
    }

    private HybridRequirement initialized() {
        HybridRequirement requirement = groups;
        if (requirement == null) {
            throw new IllegalStateException("PQWS SSLContext." + algorithm + " is not initialized (or its initialization"
                    + " failed)");
        }
        return requirement;
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
        initialized();
        return bc.getSocketFactory();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
        initialized();
        // Not refused outright in require-hybrid mode: Payara's SSL set-up creates an unbound server socket to check
        // its configuration. Sockets cannot pass the ClientHello guard, so EngineOnlyKeyManager gives any
        // server-mode socket no credentials and its handshakes fail.
        return bc.getServerSocketFactory();
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
        return serverSessions;
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
        return bc.getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
        return bc.getDefaultSSLParameters();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
        return bc.getSupportedSSLParameters();
    }
}
