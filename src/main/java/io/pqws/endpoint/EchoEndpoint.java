package io.pqws.endpoint;

import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.pqws.metrics.MeteredEndpoint;
import io.pqws.tls.SessionTlsFacts;
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
 * a connection works end to end under a given TLS profile, and by the benchmarks.
 */
@MeteredEndpoint
@ServerEndpoint("/echo")
public class EchoEndpoint {

    /** Larger messages are refused by the container with close code 1009 (too big). */
    static final int MAX_MESSAGE_BYTES = 1 << 20;

    private static final Logger LOG = Logger.getLogger(EchoEndpoint.class.getName());

    @Inject
    private SessionTlsFacts tls;

    @OnOpen
    public void open(Session session) {
        tls.attach(session);
    }

    @OnMessage(maxMessageSize = MAX_MESSAGE_BYTES)
    public String echo(String text) {
        return text;
    }

    @OnMessage(maxMessageSize = MAX_MESSAGE_BYTES)
    public ByteBuffer echo(ByteBuffer data) {
        return data;
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        // counted by @MeteredEndpoint; nothing else to release
    }

    @OnError
    public void error(Session session, Throwable error) {
        LOG.log(Level.INFO, "echo session {0} failed: {1}", new Object[] {session.getId(), error.toString()});
    }
}
