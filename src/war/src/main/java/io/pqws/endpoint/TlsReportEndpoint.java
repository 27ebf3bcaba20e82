package io.pqws.endpoint;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.pqws.config.LimitSettings;
import io.pqws.metrics.MeteredEndpoint;
import io.pqws.security.HandshakeConfigurator;
import io.pqws.security.SessionGuard;
import io.pqws.tls.SessionTlsFacts;
import io.pqws.tls.TlsFacts;
import io.pqws.tls.TlsFactsEncoder;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EncodeException;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * {@code /tls}: tells the client, in its first message, what its own connection negotiated (protocol, cipher
 * suite, key-exchange group, whether that is a hybrid post-quantum one, client certificate), then echoes text.
 * The browser page uses it to show, for the very connection it holds, whether it is quantum-safe. Public (no
 * authentication), but under the module's origin check and limits like every endpoint.
 *
 * <p>{@code @Dependent} makes it a CDI bean under {@code bean-discovery-mode="annotated"}: Open Liberty injects
 * only endpoints that are beans and creates any other with {@code new}, leaving its {@code @Inject} fields null.
 */
@Dependent
@MeteredEndpoint
@ServerEndpoint(value = "/tls", encoders = TlsFactsEncoder.class, configurator = HandshakeConfigurator.class)
public class TlsReportEndpoint {

    private static final Logger LOG = Logger.getLogger(TlsReportEndpoint.class.getName());

    @Inject
    private SessionTlsFacts tls;

    @Inject
    private SessionGuard guard;

    @OnOpen
    public void open(Session session) throws IOException, EncodeException {
        TlsFacts facts = tls.attach(session);
        if (guard.admit(session)) {
            session.getBasicRemote().sendObject(facts);
        }
    }

    @OnMessage(maxMessageSize = LimitSettings.HARD_MAX_MESSAGE_BYTES)
    public String echo(Session session, String text) {
        return guard.admitText(session, text) ? text : null;
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        guard.release(session);
    }

    @OnError
    public void error(Session session, Throwable error) {
        LOG.log(Level.INFO, "tls session {0} failed: {1}", new Object[] {session.getId(), error.toString()});
    }
}
