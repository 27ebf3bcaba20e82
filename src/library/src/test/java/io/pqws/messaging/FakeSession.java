package io.pqws.messaging;

import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

/**
 * A stand-in for the container's session on the sending side only: asynchronous text sends are recorded, and the test
 * decides when each completes (at once, inside {@code sendText}, or later); closes are recorded too, for an anonymous
 * client with no request URI. Everything else is unsupported, so a class under test that needs more fails loudly
 * instead of seeing made-up values.
 */
final class FakeSession {

    private final boolean completeAtOnce;
    private final List<String> sent = new ArrayList<>();
    private final Deque<SendHandler> pending = new ArrayDeque<>();
    private final List<CloseReason> closes = new ArrayList<>();
    private final Map<String, Object> userProperties = new HashMap<>();
    private final Session session;
    private int deepestNesting;
    private int nesting;

    FakeSession(String id, boolean completeAtOnce) {
        this.completeAtOnce = completeAtOnce;
        RemoteEndpoint.Async async = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendText") && args.length == 2) {
                        send((String) args[0], (SendHandler) args[1]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        this.session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAsyncRemote" -> async;
                    case "getId" -> id;
                    case "getUserProperties" -> userProperties;
                    case "isOpen" -> true;
                    case "getUserPrincipal", "getRequestURI" -> null;
                    case "close" -> {
                        closes.add((CloseReason) args[0]);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "FakeSession[" + id + "]";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    Session session() {
        return session;
    }

    /** Everything handed to the container, in order. */
    List<String> sent() {
        return sent;
    }

    /** Every close the class under test asked for, in order. */
    List<CloseReason> closes() {
        return closes;
    }

    int inFlight() {
        return pending.size();
    }

    /** Completes the oldest outstanding send (which may start the next one). */
    void complete(boolean ok) {
        SendHandler handler = pending.removeFirst();
        handler.onResult(ok ? new SendResult() : new SendResult(new java.io.IOException("broken pipe")));
    }

    /** How deeply sends nested inside completions: 1 means the sender never recursed. */
    int deepestNesting() {
        return deepestNesting;
    }

    private void send(String text, SendHandler handler) {
        sent.add(text);
        if (!completeAtOnce) {
            pending.addLast(handler);
            return;
        }
        nesting++;
        deepestNesting = Math.max(deepestNesting, nesting);
        try {
            handler.onResult(new SendResult());
        } finally {
            nesting--;
        }
    }
}
