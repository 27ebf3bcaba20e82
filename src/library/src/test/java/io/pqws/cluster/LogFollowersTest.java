package io.pqws.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** The followers per log that the local and jms engines share: who gets what, and when a log ends. */
class LogFollowersTest {

    private final LogFollowers followers = new LogFollowers();

    @Test
    void aFollowerMayStopFollowingFromItsCallbackWhenOneThreadDelivers() {
        AtomicReference<Following> following = new AtomicReference<>();
        List<String> seen = new ArrayList<>();
        following.set(followers.follow("room", (number, entry) -> {
            seen.add(number + ":" + entry);
            following.get().close();
        }));
        assertEquals(1, followers.deliverFromOneThread("room", "bye"));
        assertEquals(List.of("1:bye"), seen);
        assertEquals(List.of(), followers.of("room"), "the follower is gone");
        assertEquals(1, followers.deliverFromOneThread("room", "again"), "the log ended with its last follower");
        assertEquals(List.of("1:bye"), seen, "nothing more after it stopped");
    }

    @Test
    void closingEndsEveryLog() {
        RecordingFollower inRoom = new RecordingFollower();
        RecordingFollower inOther = new RecordingFollower();
        followers.follow("room", inRoom);
        followers.follow("other", inOther);
        followers.deliverFromAnyThread("room", "a");
        assertEquals(Set.of(inRoom, inOther), Set.copyOf(followers.all()));
        assertEquals(List.of(inRoom), followers.of("room"));
        followers.clear();
        assertEquals(List.of(), followers.all());
        assertEquals(1, followers.deliverFromAnyThread("room", "b"), "a log after clear starts again from 1");
        assertEquals(List.of("1:a"), new ArrayList<>(inRoom.entries), "positive control: it had the first entry");
        assertEquals(List.of(), new ArrayList<>(inOther.entries), "another log's entries are not its own");
    }
}
