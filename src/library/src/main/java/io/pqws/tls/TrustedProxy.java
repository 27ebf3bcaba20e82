package io.pqws.tls;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import io.pqws.config.PqwsSettings;
import io.pqws.config.ProxySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What this server may believe about a request's client when a TLS-terminating reverse proxy stands in front of it:
 * whether the client's connection was TLS, with which facts, and the client's own address.
 *
 * <p>Why one place: the page, the metrics, the origin check, the TLS-required rule and the operator pages all ask
 * these questions, and all must give the same answer. From a peer listed in {@code pqws.proxy.trusted} the answers
 * come from the headers that proxy sets (and overwrites: a client cannot send them through it); from any other peer
 * they come from the connection itself, and forwarding headers are ignored, with one log line the first time, so an
 * operator notices a proxy that should have been listed, or a client trying to forge its facts.
 */
@ApplicationScoped
public class TrustedProxy {

    private static final Logger LOG = Logger.getLogger(TrustedProxy.class.getName());
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f.:]{2,45}");

    private final AtomicBoolean untrustedHeadersLogged = new AtomicBoolean();

    @Inject
    private PqwsSettings settings;

    /** Whether the request came from a trusted proxy (its TCP peer is listed in {@code pqws.proxy.trusted}). */
    public boolean fromTrustedProxy(HttpServletRequest request) {
        return proxy().trusts(request.getRemoteAddr());
    }

    /**
     * The TLS facts a trusted proxy reported for the client's connection to it; empty when the request did not come
     * from a trusted proxy (headers from anyone else are ignored).
     */
    public Optional<TlsFacts> reported(HttpServletRequest request) {
        ProxySettings proxy = proxy();
        if (!proxy.trusts(request.getRemoteAddr())) {
            noteIgnoredHeaders(request, proxy);
            return Optional.empty();
        }
        return Optional.of(ProxyReportedTls.of(request.getHeader(proxy.groupHeader()),
                request.getHeader(proxy.protocolHeader()), request.getHeader(proxy.cipherHeader())));
    }

    /** Whether the client's own connection was TLS: this connection's, or the one a trusted proxy reported. */
    public boolean secure(HttpServletRequest request) {
        return reported(request).map(TlsFacts::secure).orElseGet(request::isSecure);
    }

    /**
     * The client's address: the one a trusted proxy reported, or the TCP peer's. A trusted proxy that sent no
     * address, or one that is not an address literal, leaves the proxy's own address: never an address nobody vouched
     * for.
     */
    public String clientAddress(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        ProxySettings proxy = proxy();
        if (!proxy.trusts(peer)) {
            noteIgnoredHeaders(request, proxy);
            return peer;
        }
        String forwarded = request.getHeader(proxy.clientAddressHeader());
        return forwarded != null && ADDRESS.matcher(forwarded.strip()).matches() ? forwarded.strip() : peer;
    }

    private void noteIgnoredHeaders(HttpServletRequest request, ProxySettings proxy) {
        if (untrustedHeadersLogged.get()) {
            return;
        }
        String sent = request.getHeader(proxy.groupHeader()) != null ? proxy.groupHeader()
                : request.getHeader(proxy.protocolHeader()) != null ? proxy.protocolHeader()
                : request.getHeader(proxy.clientAddressHeader()) != null ? proxy.clientAddressHeader() : null;
        if (sent != null && untrustedHeadersLogged.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "pqws: ignored the forwarding header {0} from {1}, which is not a trusted proxy ({2}"
                    + "); if a TLS-terminating proxy runs there, list it in {3} (logged once)", new Object[] {sent,
                        request.getRemoteAddr(), proxy, PqwsSettings.PROXY_TRUSTED});
        }
    }

    private ProxySettings proxy() {
        return settings.proxy();
    }
}
