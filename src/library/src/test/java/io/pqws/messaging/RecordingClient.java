package io.pqws.messaging;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.StringReader;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

/**
 * A session that records what a room sends it, from whichever thread (a cluster engine's, too), and completes every
 * send at once; for rooms on several instances, where {@link FakeSession}, which is not thread-safe, does not fit.
 */
final class RecordingClient {

    static final long WAIT_SECONDS = 30;

    final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    final Session session;

    RecordingClient(String id) {
        Map<String, Object> properties = new ConcurrentHashMap<>();
        RemoteEndpoint.Async async = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendText") && args.length == 2) {
                        received.add(Json.createReader(new StringReader((String) args[0])).readObject());
                        ((SendHandler) args[1]).onResult(new SendResult());
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAsyncRemote" -> async;
                    case "getId" -> id;
                    case "getUserProperties" -> properties;
                    case "isOpen" -> true;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "RecordingClient[" + id + "]";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A room member of the user on this session, with room for 100 outgoing messages. */
    ChatMember member(String user) {
        return new ChatMember(user, new Outbox(session, 100));
    }

    /** The next event, whatever its type. */
    JsonObject next() throws InterruptedException {
        JsonObject event = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(event, "nothing within " + WAIT_SECONDS + " s");
        return event;
    }

    /** The next event of the given type, skipping others. */
    JsonObject next(String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            JsonObject event = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertNotNull(event, "no " + type + " within " + WAIT_SECONDS + " s");
            if (event.getString("type").equals(type)) {
                return event;
            }
        }
    }
}
