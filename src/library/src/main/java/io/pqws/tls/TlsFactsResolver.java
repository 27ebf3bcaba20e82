package io.pqws.tls;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;

import io.pqws.tls.bc.BcInternalsUnavailableException;
import io.pqws.tls.bc.BcNegotiatedGroupReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Works out the {@link TlsFacts} of the connection an HTTP request (or WebSocket upgrade) arrived on.
 *
 * <p>Why the group comes from the connection and never from configuration: the point is to show operators what their
 * users really negotiated, including the clients that fell back to a classic group. Under a PQ profile the PQWS
 * provider names it in the connection's TLS session, which every container hands out, also where it hides the engine
 * (Undertow with HTTP/2 on); without that value, Bouncy Castle's own engine is read. Behind a TLS-terminating proxy
 * the engine holds only the proxy's hop, so a request from a trusted proxy ({@link TrustedProxy}) gets the facts that
 * proxy reported, labelled as such.
 */
@ApplicationScoped
public class TlsFactsResolver {

    private static final Logger LOG = Logger.getLogger(TlsFactsResolver.class.getName());
    static final String CERTIFICATES_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";
    static final String CIPHER_SUITE_ATTRIBUTE = "jakarta.servlet.request.cipher_suite";
    /** Where {@link HandshakeTlsFilter} leaves the container's own request object for a later proxy of it. */
    static final String CONTAINER_REQUEST_ATTRIBUTE = "io.pqws.tls.containerRequest";

    private final List<SslEngineLocator> locators = List.of(new GrizzlySslEngineLocator(),
            new UndertowSslEngineLocator(), new OpenLibertySslSessionLocator());

    /** Kept in step with {@code io.pqws.jsse.ClientHelloGuardEngine#FINGERPRINT_SESSION_VALUE}. */
    static final String FINGERPRINT_SESSION_VALUE = "io.pqws.ja4";
    /**
     * Kept in step with {@code io.pqws.jsse.ClientHelloGuardEngine#GROUP_SESSION_VALUE}: the PQWS provider (both its
     * engines) names the group of each server handshake in its session, so the WAR reads it through any engine or
     * session the container lets it reach (an ALPN wrapper's too), and in the {@code observe} profile, where SunJSSE
     * reports it through no API, at all. The observe mode writes {@value #GROUP_RESUMED} or {@code unknown} when the
     * handshake named none.
     */
    static final String GROUP_SESSION_VALUE = "io.pqws.namedGroup";
    static final String GROUP_RESUMED = "resumed";

    @Inject
    private TrustedProxy proxy;

    public TlsFacts resolve(HttpServletRequest received) {
        HttpServletRequest request = received.getAttribute(CONTAINER_REQUEST_ATTRIBUTE)
                instanceof HttpServletRequest seenByFilter ? seenByFilter : received;
        Optional<TlsFacts> reported = proxy.reported(request);
        if (reported.isPresent()) {
            return reported.get();
        }
        if (!request.isSecure()) {
            return TlsFacts.plain();
        }
        String clientCertificate = clientCertificate(request)
                .map(c -> c.getSubjectX500Principal().getName(X500Principal.RFC1779)).orElse(null);
        Optional<SslEngineLocator> locator = locators.stream().filter(l -> l.supports(request)).findFirst();
        if (locator.isEmpty()) {
            return new TlsFacts(true, null, (String) request.getAttribute(CIPHER_SUITE_ATTRIBUTE), null, false,
                    clientCertificate, "this container is not supported for reading the TLS engine ("
                            + request.getClass().getName() + ")");
        }
        SSLSession session;
        try {
            session = locator.get().locateSession(request).orElse(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot reach the TLS session of this connection: {0}", e.toString());
            return new TlsFacts(true, null, (String) request.getAttribute(CIPHER_SUITE_ATTRIBUTE), null, false,
                    clientCertificate, "the container's TLS engine could not be reached");
        }
        if (session == null) {
            return new TlsFacts(true, null, (String) request.getAttribute(CIPHER_SUITE_ATTRIBUTE), null, false,
                    clientCertificate, "the container reported no TLS engine for this connection");
        }
        Optional<String> named = groupNamedInSession(session);
        if (named.isPresent()) {
            return facts(session, named.get(), clientCertificate, null);
        }
        SSLEngine engine;
        try {
            engine = locator.get().locate(request).orElse(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot reach the TLS engine of this connection: {0}", e.toString());
            return facts(session, null, clientCertificate, "the container's TLS engine could not be reached");
        }
        if (engine == null) {
            return facts(session, null, clientCertificate, "this container shows the TLS session but not its engine, "
                    + "and no pqws PQ profile named the group in it");
        }
        return fromEngine(engine, clientCertificate);
    }

    /**
     * The client's JA4 fingerprint, which the PQWS provider (any PQ profile) puts in the connection's TLS session as
     * {@value #FINGERPRINT_SESSION_VALUE}; empty on a plain connection, without the provider, where the container's
     * engine cannot be reached, or from a trusted proxy (the fingerprint would be the proxy's).
     */
    public Optional<String> clientFingerprint(HttpServletRequest received) {
        HttpServletRequest request = received.getAttribute(CONTAINER_REQUEST_ATTRIBUTE)
                instanceof HttpServletRequest seenByFilter ? seenByFilter : received;
        if (!request.isSecure() || proxy.fromTrustedProxy(request)) {
            return Optional.empty();
        }
        Optional<SslEngineLocator> locator = locators.stream().filter(l -> l.supports(request)).findFirst();
        try {
            return locator.isEmpty() ? Optional.empty() : locator.get().locateSession(request)
                    .map(session -> session.getValue(FINGERPRINT_SESSION_VALUE))
                    .filter(String.class::isInstance).map(String.class::cast);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The facts of an engine's session: the group the PQWS provider named in it ({@value #GROUP_SESSION_VALUE}),
     * else the one Bouncy Castle's connection holds, where the engine is Bouncy Castle's (or the PQWS one); both name
     * the same group for the same handshake ({@code SessionGroupTest}).
     */
    static TlsFacts fromEngine(SSLEngine engine, String clientCertificate) {
        SSLSession session = engine.getSession();
        Optional<String> named = groupNamedInSession(session);
        if (named.isPresent()) {
            return facts(session, named.get(), clientCertificate, null);
        }
        String unavailable = null;
        String group = null;
        try {
            Optional<Integer> codePoint = BcNegotiatedGroupReader.negotiatedGroup(engine);
            Object observed = session.getValue(GROUP_SESSION_VALUE);
            if (codePoint.isPresent()) {
                group = NamedGroups.nameOf(codePoint.get());
            } else if (GROUP_RESUMED.equals(observed)) {
                unavailable = "this TLS 1.2 connection resumed an earlier session, so it made no key exchange";
            } else if (observed != null) {
                unavailable = "the JDK's TLS engine named no key-exchange group pqws can read on this connection";
            } else {
                unavailable = BcNegotiatedGroupReader.isBcConnection(engine)
                        ? "no key-exchange group was negotiated on this connection"
                        : "the container's TLS provider (" + engine.getClass().getName()
                                + ") does not report the negotiated group; use a pqws PQ profile";
            }
        } catch (BcInternalsUnavailableException e) {
            LOG.log(Level.SEVERE, "the negotiated TLS group cannot be read; is the PQ profile's --add-opens in "
                    + "place and Bouncy Castle at the tested version? {0}", e.getMessage());
            unavailable = "the server cannot read Bouncy Castle's negotiated group (see the server log)";
        }
        return facts(session, group, clientCertificate, unavailable);
    }

    /**
     * The group the PQWS provider named in the session, under this project's name for it; empty when it named none, or
     * only {@value #GROUP_RESUMED} or {@code unknown} (the observe mode's words for a handshake without a group).
     */
    static Optional<String> groupNamedInSession(SSLSession session) {
        return session.getValue(GROUP_SESSION_VALUE) instanceof String name
                ? NamedGroups.codePointOf(name).map(NamedGroups::nameOf)
                : Optional.empty();
    }

    private static TlsFacts facts(SSLSession session, String group, String clientCertificate, String unavailable) {
        return new TlsFacts(true, session.getProtocol(), session.getCipherSuite(), group,
                NamedGroups.isHybridPostQuantum(group), clientCertificate, unavailable);
    }

    /**
     * The client certificate the request's TLS handshake verified, if the client sent one.
     *
     * <p>Why not only the servlet attribute: Undertow (WildFly) fills {@code jakarta.servlet.request.X509Certificate}
     * only after authentication has run, so an authentication mechanism finds it empty there. The connection's
     * own TLS session, reached through the container's {@link SslEngineLocator}, holds the same chain at any time.
     */
    public Optional<X509Certificate> clientCertificate(HttpServletRequest request) {
        Object certificates = request.getAttribute(CERTIFICATES_ATTRIBUTE);
        if (certificates instanceof X509Certificate[] chain && chain.length > 0) {
            return Optional.of(chain[0]);
        }
        if (!request.isSecure()) {
            return Optional.empty();
        }
        Optional<SslEngineLocator> locator = locators.stream().filter(l -> l.supports(request)).findFirst();
        if (locator.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<SSLSession> session = locator.get().locateSession(request);
            if (session.isEmpty()) {
                return Optional.empty();
            }
            Certificate[] peer = session.get().getPeerCertificates();
            return peer.length > 0 && peer[0] instanceof X509Certificate first ? Optional.of(first) : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot reach the TLS session of this connection for its client certificate: {0}",
                    e.toString());
            return Optional.empty();
        }
    }
}
