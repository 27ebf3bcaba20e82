package io.pqws.endpoint;

import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.pqws.config.LimitSettings;
import io.pqws.metrics.MeteredEndpoint;
import io.pqws.security.HandshakeConfigurator;
import io.pqws.security.SessionGuard;
import io.pqws.tls.SessionTlsFacts;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * {@code /echo}: returns every text and binary message unchanged. The smallest useful endpoint, used to check that
 * a connection works end to end under a given TLS profile, and by the benchmarks. Public (no authentication), but
 * under the module's origin check and limits like every endpoint.
 *
 * <p>{@code @Dependent} makes it a CDI bean under {@code bean-discovery-mode="annotated"}: Open Liberty injects
 * only endpoints that are beans and creates any other with {@code new}, leaving its {@code @Inject} fields null.
 */
@Dependent
@MeteredEndpoint
@ServerEndpoint(value = "/echo", configurator = HandshakeConfigurator.class)
public class EchoEndpoint {

    private static final Logger LOG = Logger.getLogger(EchoEndpoint.class.getName());

    @Inject
    private SessionTlsFacts tls;

    @Inject
    private SessionGuard guard;

    @OnOpen
    public void open(Session session) {
        tls.attach(session);
        guard.admit(session);
    }

    @OnMessage(maxMessageSize = LimitSettings.HARD_MAX_MESSAGE_BYTES)
    public String echo(Session session, String text) {
        return guard.admitText(session, text) ? text : null;
    }

    @OnMessage(maxMessageSize = LimitSettings.HARD_MAX_MESSAGE_BYTES)
    public ByteBuffer echo(Session session, ByteBuffer data) {
        return guard.admitBinary(session, data) ? data : null;
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        guard.release(session);
    }

    @OnError
    public void error(Session session, Throwable error) {
        LOG.log(Level.INFO, "echo session {0} failed: {1}", new Object[] {session.getId(), error.toString()});
    }
}
