package io.pqws.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.pqws.config.PqwsSettings;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;

/** {@link SessionGuard#closeAll}: what a stopping module does to its sessions, without a container. */
class SessionGuardGoodbyeTest {

    private static final Duration WAIT = Duration.ofSeconds(2);

    private final SessionGuard guard = new SessionGuard(PqwsSettings.from(Map.of()));

    @Test
    void closesEveryAdmittedSessionWithTheCodeAndReasonAndWaitsForTheirCloses() {
        Fake a = new Fake("a", guard::release);
        Fake b = new Fake("b", guard::release);
        assertTrue(guard.admit(a.session()) && guard.admit(b.session()), "positive control: both admitted");

        SessionGuard.Goodbye goodbye = guard.closeAll(CloseCodes.GOING_AWAY, "server shutting down", WAIT);

        assertEquals(new SessionGuard.Goodbye(2, 0), goodbye);
        for (Fake fake : List.of(a, b)) {
            assertEquals(1, fake.closes.size(), fake.id);
            assertEquals(CloseCodes.GOING_AWAY, fake.closes.get(0).getCloseCode(), fake.id);
            assertEquals("server shutting down", fake.closes.get(0).getReasonPhrase(), fake.id);
        }
    }

    @Test
    void aSessionWhoseCloseNeverCompletesHoldsTheCallerOnlyForTheWait() {
        Fake answers = new Fake("answers", guard::release);
        Fake stuck = new Fake("stuck", session -> { });
        guard.admit(answers.session());
        guard.admit(stuck.session());

        long start = System.nanoTime();
        SessionGuard.Goodbye goodbye = guard.closeAll(CloseCodes.GOING_AWAY, "server shutting down",
                Duration.ofMillis(300));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(new SessionGuard.Goodbye(2, 1), goodbye);
        assertTrue(took.compareTo(Duration.ofMillis(300)) >= 0 && took.compareTo(WAIT) < 0, "waited " + took);
        assertEquals(1, stuck.closes.size(), "the stuck session was told too");
    }

    @Test
    void aSessionThatOpensAfterwardsIsRefusedWithTheSameGoodbye() {
        guard.closeAll(CloseCodes.GOING_AWAY, "server shutting down", WAIT);
        Fake late = new Fake("late", guard::release);

        assertFalse(guard.admit(late.session()));

        assertEquals(List.of("1001 server shutting down"), late.closes.stream()
                .map(c -> c.getCloseCode().getCode() + " " + c.getReasonPhrase()).toList());
    }

    /**
     * A session as far as the guard uses it; a close is recorded and, like a container, reported back through
     * {@code onClose} (the endpoint's {@code @OnClose}, which releases it) unless the test holds it.
     */
    private static final class Fake {

        final String id;
        final List<CloseReason> closes = new CopyOnWriteArrayList<>();
        private final Map<String, Object> userProperties = new HashMap<>();
        private final Session session;
        private volatile boolean open = true;

        Fake(String id, Consumer<Session> onClose) {
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
                        case "toString" -> "Fake[" + id + "]";
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        Session session() {
            return session;
        }
    }
}
