package io.pqws.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;

/** A client's command decoded, or its session closed with the code the failure calls for, without a container. */
class CommandDecodingTest {

    private final FakeSession session = new FakeSession("s1", true);

    @Test
    void aWellFormedCommandIsDecodedAndTheSessionStaysOpen() {
        assertEquals(Optional.of(new ChatCommand.Say("hi")), CommandDecoding.decodeOrClose(new ChatCommandDecoder(),
                session.session(), "{\"type\":\"say\",\"text\":\"hi\"}"));
        assertTrue(session.closes().isEmpty(), "positive control: nothing is closed");
    }

    @Test
    void anUnknownTypeClosesWithUnsupportedData() {
        assertEquals(Optional.empty(), CommandDecoding.decodeOrClose(new NotificationCommandDecoder(),
                session.session(), "{\"type\":\"dance\"}"));
        assertClosed(CloseCodes.CANNOT_ACCEPT, "unknown message type 'dance' (subscribe, unsubscribe)");
    }

    @Test
    void malformedInputClosesWithABadPayload() {
        assertEquals(Optional.empty(), CommandDecoding.decodeOrClose(new ChatCommandDecoder(), session.session(),
                "{\"type\":\"say\","));
        assertClosed(CloseCodes.NOT_CONSISTENT, "malformed JSON");
    }

    private void assertClosed(CloseCodes code, String reason) {
        List<CloseReason> closes = session.closes();
        assertEquals(1, closes.size(), "closed once: " + closes);
        assertEquals(code, closes.get(0).getCloseCode());
        assertEquals(reason, closes.get(0).getReasonPhrase());
    }
}
