package io.pqws.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.junit.jupiter.api.Test;

import io.pqws.config.PqwsSettings;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;

/**
 * {@link Closing#opening}: a close asked for inside {@code @OnOpen} is made only after the opening has returned, on
 * the executor, never on the thread that runs the upgrade request (on Payara that recycles the request inside its
 * own service; see {@link Closing}).
 */
class ClosingWhileOpeningTest {

    /** Holds what it is given until the test runs it, as a busy executor would. */
    private final List<Runnable> later = new ArrayList<>();
    private final Executor executor = later::add;

    @Test
    void aCloseAskedForWhileTheSessionOpensIsMadeAfterTheOpeningHasReturned() {
        RecordingSession refused = new RecordingSession("refused", session -> { });

        Closing.opening(refused.session(), () -> executor, () -> {
            Closing.close(refused.session(), CloseCodes.VIOLATED_POLICY, "invalid room name");
            assertEquals(List.of(), refused.closes, "not inside the opening");
            return null;
        });

        assertTrue(Closing.refused(refused.session()));
        assertEquals(List.of(), refused.closes, "not on the opening thread either");
        assertEquals(1, later.size());
        later.get(0).run();
        assertEquals(List.of("1008 invalid room name"), codesAndReasons(refused.closes));
    }

    @Test
    void otherClosesAreMadeAtOnce() {
        RecordingSession opening = new RecordingSession("opening", session -> { });
        RecordingSession other = new RecordingSession("other", session -> { });
        RecordingSession afterwards = new RecordingSession("afterwards", session -> { });

        Closing.opening(opening.session(), () -> executor, () -> {
            Closing.close(other.session(), CloseCodes.NORMAL_CLOSURE, "another session");
            return null;
        });
        Closing.close(afterwards.session(), CloseCodes.CANNOT_ACCEPT, "after the opening");

        assertEquals(List.of("1000 another session"), codesAndReasons(other.closes));
        assertEquals(List.of("1003 after the opening"), codesAndReasons(afterwards.closes));
        assertEquals(List.of(), later, "nothing deferred");
        assertFalse(Closing.refused(other.session()) || Closing.refused(afterwards.session())
                || Closing.refused(opening.session()));
    }

    @Test
    void anExecutorThatRefusesLeavesTheCloseToTheOpeningThread() {
        RecordingSession refused = new RecordingSession("refused", session -> { });
        Executor stopping = task -> {
            throw new RejectedExecutionException("shutting down");
        };

        Closing.opening(refused.session(), () -> stopping, () -> {
            Closing.close(refused.session(), CloseCodes.GOING_AWAY, "server stopping");
            return null;
        });

        assertEquals(List.of("1001 server stopping"), codesAndReasons(refused.closes));
    }

    @Test
    void aRefusedSessionsMessagesAreIgnoredUntilItsCloseIsMade() {
        SessionGuard guard = new SessionGuard(PqwsSettings.from(Map.of()));
        RecordingSession admitted = new RecordingSession("admitted", guard::release);
        RecordingSession refused = new RecordingSession("refused", guard::release);
        assertTrue(guard.admit(admitted.session()), "positive control: admitted");
        Closing.opening(refused.session(), () -> executor, () -> {
            Closing.close(refused.session(), CloseCodes.VIOLATED_POLICY, "invalid room name");
            return null;
        });

        assertTrue(guard.admitText(admitted.session(), "{}"), "positive control: an admitted session's message");
        assertFalse(guard.admitText(refused.session(), "{}"));
        assertFalse(guard.admitBinary(refused.session(), ByteBuffer.allocate(1)));
        assertEquals(List.of(), refused.closes, "no second close (1011, not admitted) before the first is made");
        later.get(0).run();
        assertEquals(List.of("1008 invalid room name"), codesAndReasons(refused.closes));
    }

    private static List<String> codesAndReasons(List<CloseReason> closes) {
        return closes.stream().map(c -> c.getCloseCode().getCode() + " " + c.getReasonPhrase()).toList();
    }
}
