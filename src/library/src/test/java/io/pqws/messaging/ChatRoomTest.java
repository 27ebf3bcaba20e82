package io.pqws.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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

    private static JsonObject last(FakeSession fake) {
        List<JsonObject> all = received(fake);
        return all.get(all.size() - 1);
    }

    /** The whole presence event the room sends for one change, with the fixed clock's time. */
    private JsonObject presence(String room, String change, String user) {
        return Json.createObjectBuilder().add("type", "presence").add("room", room)
                .add("joined", Json.createArrayBuilder(change.equals("joined") ? List.of(user) : List.of()))
                .add("left", Json.createArrayBuilder(change.equals("left") ? List.of(user) : List.of()))
                .add("time", clock.instant().toString()).build();
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
        assertEquals(List.of("bob"), Presences.users(presence, "joined"), "the others are told who joined");
    }

    @Test
    void theNewcomerGetsTheMembersInItsWelcomeAndTheOthersOneJoinedWithoutTheList() {
        ChatRoom room = ChatRoom.open("lobby", 0, 10, clock, fanOut, tooSlow::add);
        FakeSession aliceSession = new FakeSession("a", true);
        FakeSession carolSession = new FakeSession("c", true);
        room.join(member("alice", aliceSession, 10));
        room.join(member("carol", carolSession, 10));
        FakeSession bobSession = new FakeSession("b", true);
        room.join(member("bob", bobSession, 10));

        List<JsonObject> bobSaw = received(bobSession);
        assertEquals(1, bobSaw.size(), "the newcomer hears of nobody's arrival, its own included: " + bobSaw);
        assertEquals(List.of("alice", "bob", "carol"), Presences.users(bobSaw.get(0), "members"), "distinct, sorted");
        for (FakeSession other : List.of(aliceSession, carolSession)) {
            assertEquals(presence("lobby", "joined", "bob"), last(other), "one delta for each of the others");
        }
        JsonObject joined = last(aliceSession);
        assertEquals(Set.of("type", "room", "joined", "left", "time"), joined.keySet(), "no member list: " + joined);
    }

    @Test
    void anotherSessionOfAUserInTheRoomIsNoNewsToTheOthers() {
        ChatRoom room = ChatRoom.open("r", 0, 10, clock, fanOut, tooSlow::add);
        FakeSession watcher = new FakeSession("w", true);
        room.join(member("carol", watcher, 10));
        room.join(member("alice", new FakeSession("1", true), 10));
        assertEquals(2, watcher.sent().size(), "positive control: carol heard alice join");
        FakeSession second = new FakeSession("2", true);
        room.join(member("alice", second, 10));
        assertEquals(2, watcher.sent().size(), "alice was present already: " + watcher.sent());
        assertEquals(List.of("alice", "carol"), Presences.users(received(second).get(0), "members"),
                "alice appears once in her second session's welcome");
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
        assertEquals(before + 1, watcher.sent().size(), "one event when the last session left");
        assertEquals(presence("r", "left", "alice"), last(watcher));
    }

    /** The bytes a join costs each member already there do not depend on how many there are. */
    @Test
    void aPresenceEventIsAsLongInARoomOfAThousandAsInARoomOfTwo() {
        assertEquals(joinSeenByTheFirst(2), joinSeenByTheFirst(1000));
        assertEquals(presence("big", "joined", "newcomer-0000"),
                Json.createReader(new StringReader(joinSeenByTheFirst(1000))).readObject());
    }

    /** What the first member of a room of {@code size} users receives when one more joins. */
    private String joinSeenByTheFirst(int size) {
        ChatRoom room = ChatRoom.open("big", 0, size + 1, clock, fanOut, tooSlow::add);
        FakeSession first = new FakeSession("first", true);
        room.join(member(String.format("member-%04d", 0), first, 10));
        for (int i = 1; i < size; i++) {
            room.join(member(String.format("member-%04d", i), new FakeSession("s" + i, true), 10));
        }
        room.join(member("newcomer-0000", new FakeSession("new", true), 10));
        assertEquals(size + 1, first.sent().size(), "a welcome and one joined per later member");
        return first.sent().get(size);
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

    /** A member that has not taken the last change yet gets the next ones folded into it: a burst is one event. */
    @Test
    void aMemberThatIsBehindGetsABurstOfJoinsAsOneChange() {
        ChatRoom room = ChatRoom.open("busy", 0, 10, clock, fanOut, tooSlow::add);
        FakeSession watcher = new FakeSession("w", false);
        room.join(member("watcher", watcher, 2));
        assertEquals(1, watcher.inFlight(), "the welcome is still being sent");
        for (String user : List.of("carol", "alice", "bob")) {
            room.join(member(user, new FakeSession(user, true), 10));
        }
        ChatMember dave = member("dave", new FakeSession("dave", true), 10);
        room.join(dave);
        room.leave(dave);
        watcher.complete(true);
        watcher.complete(true);
        assertEquals(List.of("welcome", "presence"), received(watcher).stream().map(e -> e.getString("type")).toList());
        JsonObject burst = last(watcher);
        assertEquals(List.of("carol", "alice", "bob"), Presences.users(burst, "joined"),
                "in the order they came; dave came and went within the burst, which is no news");
        assertEquals(List.of(), Presences.users(burst, "left"));
        assertEquals(0, watcher.inFlight());
        assertTrue(tooSlow.isEmpty(), "four changes folded into one never filled the queue of 2");
    }
}
