package io.pqws.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pqws.config.PqwsSettings;
import jakarta.websocket.CloseReason.CloseCodes;

/** {@link SessionGuard#closeAll}: what a stopping module does to its sessions, without a container. */
class SessionGuardGoodbyeTest {

    private static final Duration WAIT = Duration.ofSeconds(2);

    private final SessionGuard guard = new SessionGuard(PqwsSettings.from(Map.of()));

    @Test
    void closesEveryAdmittedSessionWithTheCodeAndReasonAndWaitsForTheirCloses() {
        RecordingSession a = new RecordingSession("a", guard::release);
        RecordingSession b = new RecordingSession("b", guard::release);
        assertTrue(guard.admit(a.session()) && guard.admit(b.session()), "positive control: both admitted");

        SessionGuard.Goodbye goodbye = guard.closeAll(CloseCodes.GOING_AWAY, "server shutting down", WAIT);

        assertEquals(new SessionGuard.Goodbye(2, 0), goodbye);
        for (RecordingSession fake : List.of(a, b)) {
            assertEquals(1, fake.closes.size(), fake.id);
            assertEquals(CloseCodes.GOING_AWAY, fake.closes.get(0).getCloseCode(), fake.id);
            assertEquals("server shutting down", fake.closes.get(0).getReasonPhrase(), fake.id);
        }
    }

    @Test
    void aSessionWhoseCloseNeverCompletesHoldsTheCallerOnlyForTheWait() {
        RecordingSession answers = new RecordingSession("answers", guard::release);
        RecordingSession stuck = new RecordingSession("stuck", session -> { });
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
        RecordingSession late = new RecordingSession("late", guard::release);

        assertFalse(guard.admit(late.session()));

        assertEquals(List.of("1001 server shutting down"), late.closes.stream()
                .map(c -> c.getCloseCode().getCode() + " " + c.getReasonPhrase()).toList());
    }
}
