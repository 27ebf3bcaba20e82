package io.pqws.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pqws.cluster.LocalFanOut;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * One room's rules, without a container, on the in-JVM fan-out: numbering, history, presence, capacity, slow members.
 */
class ChatRoomTest {

    private final Clock clock = Clock.fixed(Instant.parse("2025-10-07T08:00:00Z"), ZoneOffset.UTC);
    private final List<ChatMember> tooSlow = new ArrayList<>();
    private final LocalFanOut fanOut = new LocalFanOut();

    private static ChatMember member(String user, FakeSession fake, int queue) {
        return new ChatMember(user, new Outbox(fake.session(), queue));
    }

    private static List<JsonObject> received(FakeSession fake) {
        return fake.sent().stream().map(text -> Json.createReader(new StringReader(text)).readObject()).toList();
    }

    @Test
    void messagesAreNumberedStampedAndKeptUpToTheHistorySize() {
        ChatRoom room = ChatRoom.open("lobby", 2, 10, clock, fanOut, tooSlow::add);
        FakeSession aliceSession = new FakeSession("a", true);
        ChatMember alice = member("alice", aliceSession, 10);
        room.join(alice);
        room.say(alice, "one");
        room.say(alice, "two");
        room.say(alice, "three");
        List<JsonObject> seen = received(aliceSession);
        assertEquals(List.of("welcome", "message", "message", "message"),
                seen.stream().map(j -> j.getString("type")).toList());
        assertEquals(List.of(1, 2, 3), seen.subList(1, 4).stream().map(j -> j.getInt("seq")).toList());
        assertEquals("2025-10-07T08:00:00Z", seen.get(1).getString("time"));

        FakeSession bobSession = new FakeSession("b", true);
        room.join(member("bob", bobSession, 10));
        JsonObject welcome = received(bobSession).get(0);
        assertEquals(List.of("two", "three"), welcome.getJsonArray("history").stream()
                .map(v -> v.asJsonObject().getString("text")).toList(), "the last 2, oldest first");
        JsonObject presence = received(aliceSession).get(4);
        assertEquals("bob", presence.getString("joined"), "the others are told who joined");
    }

    @Test
    void aFullRoomAdmitsNoOne() {
        ChatRoom room = ChatRoom.open("small", 0, 1, clock, fanOut, tooSlow::add);
        assertEquals(ChatRoom.Admission.JOINED, room.join(member("a", new FakeSession("1", true), 5)));
        assertEquals(ChatRoom.Admission.FULL, room.join(member("b", new FakeSession("2", true), 5)));
    }

    @Test
    void aUserWithTwoSessionsLeavesOnlyWithTheLast() {
        ChatRoom room = ChatRoom.open("r", 0, 10, clock, fanOut, tooSlow::add);
        FakeSession watcher = new FakeSession("w", true);
        room.join(member("carol", watcher, 10));
        ChatMember first = member("alice", new FakeSession("1", true), 10);
        ChatMember second = member("alice", new FakeSession("2", true), 10);
        room.join(first);
        room.join(second);
        int before = watcher.sent().size();
        room.leave(first);
        assertEquals(before, watcher.sent().size(), "alice is still in the room");
        room.leave(second);
        JsonObject left = received(watcher).get(before);
        assertEquals("alice", left.getString("left"));
        assertEquals(List.of("carol"), left.getJsonArray("members").stream()
                .map(v -> ((jakarta.json.JsonString) v).getString()).toList());
    }

    @Test
    void aSlowMemberIsReportedAndTheOthersStillGetEverything() {
        ChatRoom room = ChatRoom.open("r", 0, 10, clock, fanOut, tooSlow::add);
        FakeSession fast = new FakeSession("fast", true);
        FakeSession slow = new FakeSession("slow", false);
        ChatMember speaker = member("alice", fast, 10);
        ChatMember stuck = member("bob", slow, 2);
        room.join(speaker);
        room.join(stuck);
        for (int i = 0; i < 5; i++) {
            room.say(speaker, "m" + i);
        }
        assertEquals(List.of(stuck), tooSlow, "reported once");
        assertEquals(5, received(fast).stream().filter(j -> j.getString("type").equals("message")).count());
        assertTrue(slow.sent().size() <= 1, "the slow member never got past its first send");
    }
}
