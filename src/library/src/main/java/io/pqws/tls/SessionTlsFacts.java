package io.pqws.tls;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.Session;

/**
 * Gives every WebSocket session of the module its own connection's {@link TlsFacts}.
 *
 * <p>Endpoints call {@link #attach(Session)} from {@code @OnOpen}; afterwards anyone holding the session reads the
 * facts with {@link #of(Session)}.
 */
@ApplicationScoped
public class SessionTlsFacts {

    static final String USER_PROPERTY = TlsFacts.class.getName();

    @Inject
    private HandshakeTlsRegistry registry;

    /** Claims the facts the upgrade filter filed for this session and keeps them in its user properties. */
    public TlsFacts attach(Session session) {
        List<String> tickets = session.getRequestParameterMap().get(HandshakeTicketRequest.TICKET_PARAMETER);
        String ticket = tickets == null || tickets.isEmpty() ? null : tickets.get(0);
        TlsFacts facts = registry.claim(ticket).orElseGet(() -> session.isSecure()
                ? new TlsFacts(true, null, null, null, false, null,
                        "the upgrade request was not seen by the pqws TLS filter")
                : TlsFacts.plain());
        session.getUserProperties().put(USER_PROPERTY, facts);
        return facts;
    }

    /** The facts attached to the session, if its endpoint attached any. */
    public static Optional<TlsFacts> attached(Session session) {
        Object facts = session.getUserProperties().get(USER_PROPERTY);
        return facts instanceof TlsFacts known ? Optional.of(known) : Optional.empty();
    }

    /** The facts attached to the session. */
    public static TlsFacts of(Session session) {
        Object facts = session.getUserProperties().get(USER_PROPERTY);
        if (facts instanceof TlsFacts known) {
            return known;
        }
        throw new IllegalStateException("no TLS facts attached to session " + session.getId()
                + "; its endpoint must call SessionTlsFacts.attach in @OnOpen");
    }
}
