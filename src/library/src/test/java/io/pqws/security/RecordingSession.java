package io.pqws.security;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

/**
 * A session as far as the guard and {@link Closing} use it, without a container; a close is recorded and, like a
 * container, reported back through {@code onClose} (the endpoint's {@code @OnClose}, which releases it) unless the
 * test holds it.
 */
final class RecordingSession {

    final String id;
    final List<CloseReason> closes = new CopyOnWriteArrayList<>();
    private final Map<String, Object> userProperties = new HashMap<>();
    private final Session session;
    private volatile boolean open = true;

    RecordingSession(String id, Consumer<Session> onClose) {
        this.id = id;
        this.session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Session.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> id;
                    case "getUserProperties" -> userProperties;
                    case "isOpen" -> open;
                    case "getUserPrincipal", "getRequestURI" -> null;
                    case "setMaxIdleTimeout", "setMaxTextMessageBufferSize", "setMaxBinaryMessageBufferSize" ->
                            null;
                    case "close" -> {
                        closes.add((CloseReason) args[0]);
                        open = false;
                        onClose.accept((Session) proxy);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "RecordingSession[" + id + "]";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    Session session() {
        return session;
    }
}
