package io.pqws.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.DecodeException;

/** The notification protocol's JSON and the publish request's rules, without a container. */
class NotificationCodecTest {

    private final NotificationCommandDecoder commands = new NotificationCommandDecoder();
    private final PublishNotificationDecoder requests = new PublishNotificationDecoder();
    private final NotificationEventEncoder encoder = new NotificationEventEncoder();

    @Test
    void decodesSubscribeAndUnsubscribe() throws Exception {
        assertEquals(new NotificationCommand.Subscribe(List.of("orders", "releases")),
                commands.decode("{\"type\":\"subscribe\",\"topics\":[\"orders\",\"releases\"]}"));
        assertEquals(new NotificationCommand.Unsubscribe(List.of("orders")),
                commands.decode("{\"type\":\"unsubscribe\",\"topics\":[\"orders\"]}"));
    }

    @Test
    void badCommandsAreBadPayloadsAndUnknownTypesUnsupported() {
        for (String bad : List.of("{\"type\":\"subscribe\"}", "{\"type\":\"subscribe\",\"topics\":[]}",
                "{\"type\":\"subscribe\",\"topics\":[1]}", "{\"type\":\"subscribe\",\"topics\":[\"a/b\"]}", "{")) {
            DecodeException e = assertThrows(DecodeException.class, () -> commands.decode(bad), bad);
            assertFalse(e instanceof UnsupportedMessageTypeException, bad);
        }
        assertThrows(UnsupportedMessageTypeException.class, () -> commands.decode("{\"type\":\"publish\"}"));
    }

    @Test
    void aPublishRequestIsAddressedToExactlyOneAudience() throws Exception {
        PublishNotification request = requests.decode(
                "{\"user\":\"CN=alice, O=pqws dev\",\"title\":\"hi\",\"body\":null,\"data\":{\"n\":1}}");
        assertEquals("CN=alice,O=pqws dev", request.user(), "canonical name");
        assertEquals(1, request.data().getInt("n"));
        assertNull(request.body());
        for (String bad : List.of("{\"title\":\"nobody\"}", "{\"user\":\"a\",\"role\":\"b\",\"title\":\"two\"}",
                "{\"topic\":\"no spaces\",\"title\":\"t\"}", "{\"role\":\"ops\"}", "{\"role\":\"ops\",\"title\":\" \"}",
                "{\"role\":\"ops\",\"title\":\"t\",\"data\":[1]}", "{\"role\":\"ops\",\"title\":7}")) {
            assertThrows(DecodeException.class, () -> requests.decode(bad), bad);
        }
        assertThrows(IllegalArgumentException.class,
                () -> PublishNotification.toRole("ops", "x".repeat(201), null), "title too long");
        assertEquals("orders", PublishNotification.toTopic("orders", "shipped", null).topic());
        assertThrows(IllegalArgumentException.class, () -> PublishNotification.toTopic("no/slash", "t", null));
    }

    @Test
    void eventsCarryTheirType() {
        JsonObject note = parse(encoder.encode(new NotificationEvent.Notification("k1-7",
                Instant.parse("2025-10-07T08:00:00Z"), null, "ops", null, "disk full", "node 7",
                Json.createObjectBuilder().add("node", 7).build())));
        assertEquals("notification", note.getString("type"));
        assertEquals("k1-7", note.getString("id"));
        assertEquals("ops", note.getString("role"));
        assertFalse(note.containsKey("user"), "unused audiences are left out");
        assertEquals(7, note.getJsonObject("data").getInt("node"));
        assertEquals("ready", parse(encoder.encode(new NotificationEvent.Ready("alice", List.of(), "k1-0")))
                .getString("type"));
        JsonObject missed = parse(encoder.encode(new NotificationEvent.Missed("k1-3", "backlog-overflow")));
        assertEquals("missed", missed.getString("type"));
        assertEquals("backlog-overflow", missed.getString("reason"));
    }

    @Test
    void notificationIdsCarryTheRunAndTheSequence() {
        assertEquals(new NotificationId("k1z", 42), NotificationId.parse("k1z-42"));
        assertEquals("k1z-42", new NotificationId("k1z", 42).toString());
        for (String bad : List.of("", "-1", "abc-", "ABC-1", "abc-x", "abc--1", "a b-1")) {
            assertThrows(IllegalArgumentException.class, () -> NotificationId.parse(bad), bad);
        }
        assertTrue(Names.valid("orders.eu-1"));
        assertFalse(Names.valid("x".repeat(65)));
    }

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
