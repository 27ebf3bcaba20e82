package io.pqws.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** The followers per log that the local and jms engines share: who gets what, and when a log ends. */
class LogFollowersTest {

    private final LogFollowers followers = new LogFollowers();

    @Test
    void everyFollowerOfALogGetsItsEntriesNumberedAndOnlyItsOwnLogs() {
        RecordingFollower first = new RecordingFollower();
        RecordingFollower second = new RecordingFollower();
        RecordingFollower elsewhere = new RecordingFollower();
        followers.follow("room", first);
        followers.follow("room", second);
        followers.follow("other", elsewhere);
        assertEquals(1, followers.deliverFromAnyThread("room", "a"));
        assertEquals(2, followers.deliverFromOneThread("room", "b"));
        assertEquals(List.of("1:a", "2:b"), new ArrayList<>(first.entries));
        assertEquals(List.of("1:a", "2:b"), new ArrayList<>(second.entries));
        assertEquals(List.of(), new ArrayList<>(elsewhere.entries), "another log's entries are not its own");
        assertEquals(List.of(first, second), followers.of("room"));
        assertEquals(3, followers.all().size());
    }

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
        RecordingFollower follower = new RecordingFollower();
        followers.follow("room", follower);
        followers.deliverFromAnyThread("room", "a");
        followers.clear();
        assertEquals(List.of(), followers.all());
        assertEquals(1, followers.deliverFromAnyThread("room", "b"), "a log after clear starts again from 1");
        assertEquals(List.of("1:a"), new ArrayList<>(follower.entries), "positive control: it had the first entry");
    }
}
