package io.pqws.metrics.tyrus;

import java.util.logging.Logger;

import org.glassfish.tyrus.core.frame.TyrusFrame;
import org.glassfish.tyrus.core.monitoring.ApplicationEventListener;
import org.glassfish.tyrus.core.monitoring.EndpointEventListener;
import org.glassfish.tyrus.core.monitoring.MessageEventListener;

import io.pqws.metrics.WebSocketMetrics;
import jakarta.enterprise.inject.spi.CDI;

/**
 * Counts every WebSocket message of the module on Tyrus (Payara, GlassFish), per endpoint: received and sent, replies
 * and messages an endpoint sends on its own (broadcasts) alike.
 *
 * <p>Why Tyrus' monitoring API: the Jakarta WebSocket API has no hook that sees outgoing messages, and counting in
 * each endpoint would miss whatever it sends through {@code Session#getAsyncRemote()}. Tyrus reports each frame to an
 * {@link ApplicationEventListener} named by the context parameter
 * {@value ApplicationEventListener#APPLICATION_EVENT_LISTENER} (the library's {@code META-INF/web-fragment.xml});
 * other containers ignore the parameter and never load this class, and the metrics then say that messages are not
 * counted. A text or binary frame starts a message; continuation frames belong to it. {@code MetricsIT} fails if a
 * Tyrus upgrade breaks this.
 *
 * <p>Tyrus creates this listener itself (not through CDI), when the application starts; the metrics bean is looked up
 * once, with the standard {@link CDI#current()}.
 */
public class TyrusTrafficListener implements ApplicationEventListener {

    private static final Logger LOG = Logger.getLogger(TyrusTrafficListener.class.getName());

    private volatile WebSocketMetrics metrics;

    @Override
    public void onApplicationInitialized(String applicationName) {
        metrics().messagesAreCounted();
        LOG.fine(() -> "pqws: counting WebSocket messages of " + applicationName + " through Tyrus");
    }

    @Override
    public void onApplicationDestroyed() {
        // the counters go with the application
    }

    @Override
    public EndpointEventListener onEndpointRegistered(String endpointPath, Class<?> endpointClass) {
        return new EndpointEventListener() {
            @Override
            public MessageEventListener onSessionOpened(String sessionId) {
                return new MessageCounter(endpointPath);
            }

            @Override
            public void onSessionClosed(String sessionId) {
                // closes are counted with their close code by the endpoint interceptor
            }

            @Override
            public void onError(String sessionId, Throwable t) {
                // errors are counted by the endpoint interceptor
            }
        };
    }

    @Override
    public void onEndpointUnregistered(String endpointPath) {
        // counters stay: a scrape after undeployment still sees the totals
    }

    private WebSocketMetrics metrics() {
        WebSocketMetrics current = metrics;
        if (current == null) {
            current = CDI.current().select(WebSocketMetrics.class).get();
            metrics = current;
        }
        return current;
    }

    /** Counts the frames of one session that start a message. */
    private final class MessageCounter implements MessageEventListener {
        private final String endpoint;

        MessageCounter(String endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public void onFrameSent(TyrusFrame.FrameType frameType, long payloadLength) {
            if (startsMessage(frameType)) {
                metrics().messageSent(endpoint);
            }
        }

        @Override
        public void onFrameReceived(TyrusFrame.FrameType frameType, long payloadLength) {
            if (startsMessage(frameType)) {
                metrics().messageReceived(endpoint);
            }
        }

        private boolean startsMessage(TyrusFrame.FrameType frameType) {
            return frameType == TyrusFrame.FrameType.TEXT || frameType == TyrusFrame.FrameType.BINARY;
        }
    }
}
