package io.pqws.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.pqws.cluster.FanOut;
import io.pqws.cluster.FanOuts;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/**
 * One scenario of presence deltas for a room on two instances, run by the tests of each engine that joins instances:
 * carol is a member on instance one, dave on two; alice comes with a session on one, then a second on two, and goes
 * from one, then from two; then instance one is lost. Every member must hear of each user's arrival and departure
 * exactly once, whichever instance tells it, and never the member list.
 *
 * <p>Why "nothing else" can be checked without waiting: what a room tells its own members it sends before
 * {@code join} or {@code leave} returns; what reaches the other instance comes, from each instance, in the order
 * sent, so a typing signal sent after a step arrives after anything that step relayed.
 */
final class PresenceAcrossTwoInstances {

    private static final String ROOM = "lobby";

    private final FanOut one;
    private final FanOut two;
    private final Runnable loseOne;
    private final List<ChatMember> tooSlow = new ArrayList<>();

    /** @param loseOne ends instance one as a crash or a shutdown would, seen by {@code two} */
    PresenceAcrossTwoInstances(FanOut one, FanOut two, Runnable loseOne) {
        this.one = one;
        this.two = two;
        this.loseOne = loseOne;
    }

    void check() throws Exception {
        Clock clock = Clock.systemUTC();
        ChatRoom onOne = ChatRoom.open(ROOM, 10, 10, clock, one, tooSlow::add);
        ChatRoom onTwo = ChatRoom.open(ROOM, 10, 10, clock, two, tooSlow::add);
        RecordingClient carolClient = new RecordingClient("carol");
        ChatMember carol = carolClient.member("carol");
        onOne.join(carol);
        assertEquals(List.of("carol"), members(carolClient.next()));
        await(() -> two.presentElsewhere(FanOuts.chatLog(ROOM)).contains("carol"), "carol's presence reaches two");
        RecordingClient daveClient = new RecordingClient("dave");
        ChatMember dave = daveClient.member("dave");
        onTwo.join(dave);
        assertEquals(List.of("carol", "dave"), members(daveClient.next()), "the newcomer gets the whole list");
        assertChange(carolClient.next(), "joined", "dave");

        RecordingClient aliceOnOne = new RecordingClient("alice-1");
        ChatMember alice1 = aliceOnOne.member("alice");
        onOne.join(alice1);
        assertEquals(List.of("alice", "carol", "dave"), members(aliceOnOne.next()));
        assertChange(carolClient.next(), "joined", "alice");
        assertChange(daveClient.next(), "joined", "alice");

        RecordingClient aliceOnTwo = new RecordingClient("alice-2");
        ChatMember alice2 = aliceOnTwo.member("alice");
        onTwo.join(alice2);
        assertEquals(List.of("alice", "carol", "dave"), members(aliceOnTwo.next()), "alice once");
        assertTrue(daveClient.received.isEmpty(), "alice was there already: " + daveClient.received);
        onTwo.typing(dave);
        assertEquals("typing", carolClient.next().getString("type"), "nothing came before dave's typing");

        onOne.leave(alice1);
        assertTrue(carolClient.received.isEmpty(), "alice is still there, on two: " + carolClient.received);
        onOne.typing(carol);
        assertEquals("typing", daveClient.next().getString("type"), "nothing came before carol's typing");

        onTwo.leave(alice2);
        assertChange(daveClient.next(), "left", "alice");
        assertChange(carolClient.next(), "left", "alice");
        onTwo.typing(dave);
        assertEquals("typing", carolClient.next().getString("type"), "alice's departure came once");

        loseOne.run();
        assertChange(daveClient.next(), "left", "carol");
        RecordingClient erinClient = new RecordingClient("erin");
        onTwo.join(erinClient.member("erin"));
        assertEquals(List.of("dave", "erin"), members(erinClient.next()));
        assertChange(daveClient.next(), "joined", "erin");
        assertTrue(daveClient.received.isEmpty(), "carol's departure came once: " + daveClient.received);
        assertTrue(tooSlow.isEmpty());
    }

    /** The event is a presence naming exactly one change, with no member list. */
    private static void assertChange(JsonObject event, String change, String user) {
        assertEquals("presence", event.getString("type"), event.toString());
        assertEquals(List.of(user), Presences.users(event, change), event.toString());
        assertEquals(List.of(), Presences.users(event, change.equals("joined") ? "left" : "joined"), event.toString());
        assertEquals(ROOM, event.getString("room"));
        assertEquals(Set.of("type", "room", "joined", "left", "time"), event.keySet(), "nothing but who came or went");
    }

    private static List<String> members(JsonObject welcome) {
        assertEquals("welcome", welcome.getString("type"), welcome.toString());
        return welcome.getJsonArray("members").getValuesAs(JsonString.class).stream().map(JsonString::getString)
                .toList();
    }

    /** Polls until the condition holds (an engine learns of the other instance asynchronously), or fails. */
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        BlockingQueue<Object> never = new LinkedBlockingQueue<>();
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(RecordingClient.WAIT_SECONDS);
                !condition.getAsBoolean();) {
            assertTrue(System.nanoTime() < end, what);
            never.poll(20, TimeUnit.MILLISECONDS);
        }
    }
}
