package io.pqws.security;

import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.pqws.config.PqwsSettings;
import io.pqws.config.PrincipalNames;
import io.pqws.tls.TlsFactsResolver;
import io.pqws.tls.TrustedProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Authenticates every request of the module by a client certificate (mutual TLS) or by a connection ticket, and
 * answers a protected request that has neither with 401 at once.
 *
 * <p>Why not the servlet {@code CLIENT-CERT} login: on Payara it asks Grizzly for the certificate with
 * {@code org.apache.coyote.request.X509Certificate}, which forces a TLS renegotiation to request one; TLS 1.3 has no
 * renegotiation, so a request without a certificate hangs for 30 s and then loses its connection without any HTTP
 * answer ({@code ClientCertLoginConfigIT} shows it). This mechanism reads only
 * {@code jakarta.servlet.request.X509Certificate}, the chain the TLS handshake already verified against the
 * container's trust store ({@code client-auth=want}), or, where the container sets that attribute only after
 * authentication (WildFly), the same chain from the connection's TLS session
 * ({@link TlsFactsResolver#clientCertificate}); it validates nothing itself.
 *
 * <p>The principal is the certificate subject in RFC 2253 form ({@code CN=alice,O=pqws dev}) or the user a ticket
 * was issued to; the groups come from {@link RoleMapping}. A portal with its own login replaces this mechanism or
 * issues tickets for its users through {@code POST /api/tickets} (see {@link TicketResource}).
 */
@ApplicationScoped
public class ModuleAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(ModuleAuthenticationMechanism.class.getName());

    @Inject
    private ConnectionTickets tickets;

    @Inject
    private RoleMapping roles;

    @Inject
    private PqwsSettings settings;

    @Inject
    private TlsFactsResolver tls;

    @Inject
    private TrustedProxy proxy;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        Optional<String> ticket = TicketCarrier.ticketIn(request.getHeaders(TicketCarrier.HEADER));
        if (context.isProtected() && settings.access().requireTls() && !proxy.secure(request)) {
            ticket.ifPresent(tickets::redeem); // it crossed the network in clear text: burn it
            return refuse(response, context, HttpServletResponse.SC_FORBIDDEN, "TLS is required", request);
        }
        if (ticket.isPresent()) {
            Optional<String> user = tickets.redeem(ticket.get());
            if (user.isEmpty()) {
                return refuse(response, context, HttpServletResponse.SC_UNAUTHORIZED,
                        "connection ticket unknown, expired or already used", request);
            }
            return login(context, user.get());
        }
        Optional<X509Certificate> certificate = tls.clientCertificate(request);
        if (certificate.isPresent()) {
            return login(context, PrincipalNames.of(certificate.get().getSubjectX500Principal()));
        }
        if (context.isProtected()) {
            return refuse(response, context, HttpServletResponse.SC_UNAUTHORIZED,
                    "no client certificate and no connection ticket", request);
        }
        return context.doNothing();
    }

    private AuthenticationStatus login(HttpMessageContext context, String user) {
        return context.notifyContainerAboutLogin(user, roles.rolesOf(user));
    }

    private AuthenticationStatus refuse(HttpServletResponse response, HttpMessageContext context, int status,
            String reason, HttpServletRequest request) {
        LOG.log(Level.INFO, "pqws: refused {0} {1} from {2} with HTTP {3}: {4}", new Object[] {request.getMethod(),
            request.getRequestURI(), proxy.clientAddress(request), Integer.toString(status), reason});
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            return context.responseUnauthorized();
        }
        try {
            response.sendError(status);
        } catch (java.io.IOException e) {
            LOG.log(Level.FINE, "could not send {0}: {1}", new Object[] {status, e});
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
