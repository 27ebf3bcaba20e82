package io.pqws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/** Where a chat follower picks up in a new welcome's history, for each way a room's log can have gone on. */
class ChatResumptionTest {

    private static JsonObject message(long seq, String sender, String time, String text) {
        return Json.createObjectBuilder().add("type", "message").add("room", "r").add("seq", seq)
                .add("sender", sender).add("time", time).add("text", text).build();
    }

    private static final JsonObject A = message(7, "alice", "2026-11-25T10:00:00.001Z", "a");
    private static final JsonObject B = message(8, "bob", "2026-11-25T10:00:00.002Z", "b");
    private static final JsonObject C = message(9, "alice", "2026-11-25T10:00:00.003Z", "c");

    @Test
    void theSameLogGoesOnAfterTheLastMessageSeen() {
        assertEquals(1, ChatResumption.lastSeenIndex(List.of(A, B, C), ChatResumption.key(B)));
        assertEquals(2, ChatResumption.lastSeenIndex(List.of(A, B, C), ChatResumption.key(C)), "nothing new");
    }

    @Test
    void anotherInstancesNumberingDoesNotMatter() {
        JsonObject bElsewhere = message(3, "bob", "2026-11-25T10:00:00.002Z", "b");
        assertEquals(0, ChatResumption.lastSeenIndex(List.of(bElsewhere, message(4, "alice",
                "2026-11-25T10:00:00.003Z", "c")), ChatResumption.key(B)), "found by content, not by seq");
    }

    @Test
    void aRoomThatStartedOverIsNewFromItsFirstMessage() {
        JsonObject again = message(8, "carol", "2026-11-25T11:00:00.000Z", "hello again");
        assertEquals(-1, ChatResumption.lastSeenIndex(List.of(message(7, "bob", "2026-11-25T10:59:59.000Z", "hi"),
                again), ChatResumption.key(B)), "seq 8 is there, but it is another message: all of it is new");
        assertEquals(-1, ChatResumption.lastSeenIndex(List.of(), ChatResumption.key(B)));
    }

    @Test
    void aFollowerThatSawNothingTakesTheWholeHistory() {
        assertEquals(-1, ChatResumption.lastSeenIndex(List.of(A, B), null));
    }

    @Test
    void theKeyIsTheSameForALiveMessageAndItsHistoryCopy() {
        JsonObject live = Json.createObjectBuilder(B).add("extra", true).build();
        assertEquals(ChatResumption.key(B), ChatResumption.key(live));
    }
}
