package io.pqws.it;

import static io.pqws.it.Users.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.pqws.client.CloseStatus;
import io.pqws.client.WssClientException;
import io.pqws.client.WssConnection;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/**
 * {@code /chat/{room}} on a real Payara Micro with the built WAR and the default limits: order, server stamps,
 * history, presence, typing, identity, and the close codes for bad input.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ChatIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return PqwsServer.builtWar();
    }

    @Test
    void membersSeeEachOthersMessagesInTheSameOrderNumberedAndStampedByTheServer() throws Exception {
        try (WssConnection alice = Users.connect("alice", "chat/order");
                WssConnection bob = Users.connect("bob", "chat/order")) {
            Users.nextOfType(alice, "welcome");
            Users.nextOfType(bob, "welcome");
            for (int i = 0; i < 15; i++) {
                alice.sendText(say("alice " + i));
                bob.sendText(say("bob " + i));
            }
            List<JsonObject> seenByAlice = messages(alice, 30);
            List<JsonObject> seenByBob = messages(bob, 30);
            assertEquals(seenByAlice, seenByBob, "both see the same messages in the same order");
            for (int i = 0; i < 30; i++) {
                JsonObject message = seenByAlice.get(i);
                assertEquals(i + 1, message.getInt("seq"), message.toString());
                assertEquals("order", message.getString("room"));
                String text = message.getString("text");
                assertEquals(Users.principal(text.substring(0, text.indexOf(' '))), message.getString("sender"));
                assertNotNull(Instant.parse(message.getString("time")));
            }
            assertEquals(inOrder("alice"), texts(seenByAlice, "alice"), "each sender's messages keep their order");
            assertEquals(inOrder("bob"), texts(seenByAlice, "bob"));
        }
    }

    @Test
    void theLastFiftyMessagesAreReplayedToWhoeverJoins() throws Exception {
        try (WssConnection alice = Users.connect("alice", "chat/history");
                WssConnection carol = Users.connect("carol", "chat/history")) {
            Users.nextOfType(alice, "welcome");
            Users.nextOfType(carol, "welcome");
            for (int i = 1; i <= 28; i++) { // two senders, each within the default burst of 40
                alice.sendText(say("a" + i));
                carol.sendText(say("c" + i));
            }
            messages(alice, 56);
            try (WssConnection bob = Users.connect("bob", "chat/history")) {
                JsonObject welcome = Users.nextOfType(bob, "welcome");
                JsonArray history = welcome.getJsonArray("history");
                assertEquals(50, history.size(), "pqws.chat.history defaults to 50");
                for (int i = 0; i < 50; i++) {
                    assertEquals(7 + i, history.getJsonObject(i).getInt("seq"), "the latest 50, oldest first");
                }
                assertEquals(List.of(Users.principal("alice"), Users.principal("bob"), Users.principal("carol")),
                        Users.strings(welcome, "members"));
            }
        }
    }

    @Test
    void presenceTellsWhoCameAndWentOnceAndLeaveClosesNormally() throws Exception {
        try (WssConnection alice = Users.connect("alice", "chat/presence")) {
            assertEquals(List.of(Users.principal("alice")),
                    Users.strings(Users.nextOfType(alice, "welcome"), "members"));
            try (WssConnection bob = Users.connect("bob", "chat/presence");
                    WssConnection bobAgain = Users.connect("bob", "chat/presence")) {
                assertEquals(List.of(Users.principal("alice"), Users.principal("bob")),
                        Users.strings(Users.nextOfType(bobAgain, "welcome"), "members"),
                        "the newcomer gets the whole list, bob once");
                JsonObject joined = Users.next(alice);
                assertEquals(Set.of("type", "room", "joined", "left", "time"), joined.keySet(),
                        "no member list: " + joined);
                assertEquals(List.of(Users.principal("bob")), Users.strings(joined, "joined"));
                assertEquals(List.of(), Users.strings(joined, "left"));

                bob.sendText("{\"type\":\"leave\"}");
                CloseStatus closed = bob.awaitClose(WAIT).orElseThrow();
                assertEquals(1000, closed.code());
                assertEquals("left the room", closed.reason());
                bobAgain.sendText(say("bob is still here"));
                assertEquals("bob is still here", Users.next(alice).getString("text"),
                        "neither bob's second session nor his first leaving was news to alice");

                bobAgain.sendText("{\"type\":\"leave\"}");
                bobAgain.awaitClose(WAIT).orElseThrow();
                JsonObject left = Users.next(alice);
                assertEquals(List.of(), Users.strings(left, "joined"), left.toString());
                assertEquals(List.of(Users.principal("bob")), Users.strings(left, "left"));
                assertEquals("presence", left.getString("type"));
            }
        }
    }

    @Test
    void typingReachesTheOthersButNotTheTypist() throws Exception {
        try (WssConnection alice = Users.connect("alice", "chat/typing");
                WssConnection bob = Users.connect("bob", "chat/typing")) {
            Users.nextOfType(alice, "welcome");
            Users.nextOfType(bob, "welcome");
            alice.sendText("{\"type\":\"typing\"}");
            alice.sendText(say("done typing"));
            JsonObject typing = Users.nextOfType(bob, "typing");
            assertEquals(Users.principal("alice"), typing.getString("sender"));
            assertEquals("done typing", Users.nextOfType(bob, "message").getString("text"));
            // alice's next message after her own typing notice is her message: the notice did not come back
            JsonObject next = Users.next(alice);
            while (next.getString("type").equals("presence")) {
                next = Users.next(alice);
            }
            assertEquals("message", next.getString("type"), next.toString());
        }
    }

    @Test
    void aClientCannotSpeakUnderAnotherName() throws Exception {
        try (WssConnection alice = Users.connect("alice", "chat/identity")) {
            Users.nextOfType(alice, "welcome");
            alice.sendText("{\"type\":\"say\",\"text\":\"I am bob\",\"sender\":\"CN=bob,O=pqws dev\"}");
            JsonObject message = Users.nextOfType(alice, "message");
            assertEquals(Users.principal("alice"), message.getString("sender"));
        }
    }

    @Test
    void malformedJsonIsClosedWith1007AndAnUnknownTypeWith1003() throws Exception {
        assertClosedAfter("{\"type\":\"say\",\"text\":", 1007, "malformed JSON");
        assertClosedAfter("{\"type\":\"say\"}", 1007, "missing string field \"text\"");
        assertClosedAfter("{\"type\":\"shout\",\"text\":\"HI\"}", 1003,
                "unknown message type 'shout' (say, typing, leave)");
    }

    @Test
    void binaryMessagesAreClosedWith1003() throws Exception {
        try (WssConnection alice = Users.connect("alice", "chat/binary")) {
            Users.nextOfType(alice, "welcome");
            alice.sendBinary(new byte[] {1, 2, 3});
            CloseStatus closed = alice.awaitClose(WAIT).orElseThrow();
            assertEquals(1003, closed.code());
        }
    }

    @Test
    void anInvalidRoomNameIsClosedWith1008() throws Exception {
        try (WssConnection alice = Users.connect("alice", "chat/-dash-first")) {
            CloseStatus closed = alice.awaitClose(WAIT).orElseThrow();
            assertEquals(1008, closed.code());
            assertTrue(closed.reason().startsWith("invalid room name"), closed.reason());
        }
    }

    private static void assertClosedAfter(String sent, int code, String reason) throws Exception {
        try (WssConnection alice = Users.connect("alice", "chat/bad-input")) {
            Users.nextOfType(alice, "welcome");
            alice.sendText(sent);
            CloseStatus closed = alice.awaitClose(WAIT).orElseThrow();
            assertEquals(code, closed.code(), sent);
            assertEquals(reason, closed.reason(), sent);
            assertTrue(closed.byServer());
            assertFalse(closed.reason().contains("Exception"), "no stack trace or exception name to the client");
        }
        try (WssConnection positiveControl = Users.connect("alice", "chat/bad-input")) {
            Users.nextOfType(positiveControl, "welcome");
            positiveControl.sendText(say("well-formed"));
            assertEquals("well-formed", Users.nextOfType(positiveControl, "message").getString("text"));
        }
    }

    static String say(String text) {
        return Json.createObjectBuilder().add("type", "say").add("text", text).build().toString();
    }

    private static List<JsonObject> messages(WssConnection connection, int count) throws WssClientException {
        List<JsonObject> messages = new ArrayList<>();
        while (messages.size() < count) {
            messages.add(Users.nextOfType(connection, "message"));
        }
        return messages;
    }

    private static List<String> texts(List<JsonObject> messages, String prefix) {
        return messages.stream().map(m -> m.getString("text")).filter(t -> t.startsWith(prefix + " ")).toList();
    }

    private static List<String> inOrder(String prefix) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            texts.add(prefix + " " + i);
        }
        return texts;
    }

}
