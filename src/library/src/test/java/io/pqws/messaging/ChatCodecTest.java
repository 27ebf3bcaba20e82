package io.pqws.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.DecodeException;

/** The chat protocol's JSON, both ways, without a container. */
class ChatCodecTest {

    private final ChatCommandDecoder decoder = new ChatCommandDecoder();
    private final ChatEventEncoder encoder = new ChatEventEncoder();

    @Test
    void decodesEachCommand() throws Exception {
        assertEquals(new ChatCommand.Say("grüß dich"), decoder.decode("{\"type\":\"say\",\"text\":\"grüß dich\"}"));
        assertEquals(new ChatCommand.Typing(), decoder.decode("{\"type\":\"typing\"}"));
        assertEquals(new ChatCommand.Leave(), decoder.decode(" {\"type\":\"leave\"} "));
        assertTrue(decoder.willDecode("{\"type\":\"typing\"}"));
    }

    @Test
    void aSenderChosenByTheClientIsIgnored() throws Exception {
        assertEquals(new ChatCommand.Say("hi"), decoder.decode("{\"type\":\"say\",\"text\":\"hi\",\"sender\":\"bob\"}"));
    }

    @Test
    void malformedInputIsABadPayload() {
        for (String bad : List.of("{\"type\":\"say\",", "[1,2]", "\"say\"", "{\"text\":\"no type\"}",
                "{\"type\":7}", "{\"type\":\"say\"}", "{\"type\":\"say\",\"text\":42}",
                "{\"type\":\"say\",\"text\":\"   \"}")) {
            DecodeException e = assertThrows(DecodeException.class, () -> decoder.decode(bad), bad);
            assertFalse(e instanceof UnsupportedMessageTypeException, bad);
            assertFalse(decoder.willDecode(bad), bad);
        }
    }

    @Test
    void anUnknownTypeIsUnsupportedAndNamed() {
        UnsupportedMessageTypeException e = assertThrows(UnsupportedMessageTypeException.class,
                () -> decoder.decode("{\"type\":\"shout\",\"text\":\"HI\"}"));
        assertEquals("unknown message type 'shout' (say, typing, leave)", e.getMessage());
    }

    @Test
    void encodesAMessageWithItsTypeAndServerStamps() {
        Instant time = Instant.parse("2025-10-07T08:00:00.123Z");
        JsonObject json = parse(encoder.encode(new ChatEvent.Message("lobby", 7, "CN=alice,O=pqws dev", time, "hi")));
        assertEquals("message", json.getString("type"));
        assertEquals("lobby", json.getString("room"));
        assertEquals(7, json.getInt("seq"));
        assertEquals("CN=alice,O=pqws dev", json.getString("sender"));
        assertEquals("2025-10-07T08:00:00.123Z", json.getString("time"));
        assertEquals("hi", json.getString("text"));
    }

    @Test
    void encodesTheWelcomeWithHistoryAndPresence() {
        Instant time = Instant.parse("2025-10-07T08:00:00Z");
        ChatEvent.Message old = new ChatEvent.Message("lobby", 1, "CN=bob", time, "first");
        JsonObject welcome = parse(encoder.encode(
                new ChatEvent.Welcome("lobby", "CN=alice", List.of("CN=alice", "CN=bob"), List.of(old))));
        assertEquals("welcome", welcome.getString("type"));
        assertEquals("CN=alice", welcome.getString("you"));
        assertEquals(2, welcome.getJsonArray("members").size());
        JsonObject replayed = welcome.getJsonArray("history").getJsonObject(0);
        assertEquals("message", replayed.getString("type"), "history entries are messages like any other");
        assertEquals(1, replayed.getInt("seq"));
        assertEquals("first", replayed.getString("text"));

        assertEquals(Json.createObjectBuilder().add("type", "presence").add("room", "lobby")
                .add("joined", Json.createArrayBuilder()).add("left", Json.createArrayBuilder().add("CN=bob"))
                .add("time", "2025-10-07T08:00:00Z").build(),
                parse(encoder.encode(ChatEvent.Presence.left("lobby", "CN=bob", time))),
                "who went, and no member list");
        assertEquals(Json.createObjectBuilder().add("type", "presence").add("room", "lobby")
                .add("joined", Json.createArrayBuilder().add("CN=carol")).add("left", Json.createArrayBuilder())
                .add("time", "2025-10-07T08:00:00Z").build(),
                parse(encoder.encode(ChatEvent.Presence.joined("lobby", "CN=carol", time))));
        assertThrows(IllegalArgumentException.class,
                () -> new ChatEvent.Presence("lobby", List.of("a"), List.of("a"), time));

        JsonObject typing = parse(encoder.encode(new ChatEvent.Typing("lobby", "CN=bob")));
        assertEquals("typing", typing.getString("type"));
    }

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
