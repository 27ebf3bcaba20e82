package io.pqws.security;

import java.util.logging.Level;
import java.util.logging.Logger;

import io.pqws.config.PqwsSettings;
import io.pqws.tls.TrustedProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Applies {@link OriginPolicy} to the handshake being processed, with the request's own scheme and {@code Host},
 * and logs each refusal once.
 *
 * <p>Why a bean: {@code ServerEndpointConfig.Configurator#checkOrigin} sees only the Origin value, but "same origin"
 * needs the request; CDI's built-in {@link HttpServletRequest} bean is the request on this thread, which is the
 * upgrade request while the WebSocket implementation runs the check.
 */
@ApplicationScoped
public class OriginGate {

    private static final Logger LOG = Logger.getLogger(OriginGate.class.getName());

    @Inject
    private PqwsSettings settings;

    @Inject
    private HttpServletRequest request;

    @Inject
    private TrustedProxy proxy;

    /**
     * Whether a page of this origin may open a WebSocket session. "The request's own scheme" is the client's: behind
     * a trusted TLS-terminating proxy the page was served over https although the proxy's hop is plain http.
     */
    public boolean allows(String origin) {
        boolean secure = proxy.secure(request);
        String host = request.getHeader("Host");
        if (OriginPolicy.allows(settings.access(), origin, secure, host)) {
            return true;
        }
        LOG.log(Level.INFO, "pqws: refused WebSocket handshake {0} from {1}: origin ''{2}'' is not "
                + "allowed (see pqws.origins.allowed)", new Object[] {request.getRequestURI(),
                    proxy.clientAddress(request), origin});
        return false;
    }
}
