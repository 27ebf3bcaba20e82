package io.pqws.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The single-instance engine: numbering, delivery inside append, and a log that ends with its last follower. */
class LocalFanOutTest {

    private final LocalFanOut fanOut = new LocalFanOut();

    @Test
    void entriesAreNumberedFromOneAndReachEveryFollowerBeforeAppendReturns() {
        RecordingFollower first = new RecordingFollower();
        RecordingFollower second = new RecordingFollower();
        fanOut.follow("room", 10, first);
        fanOut.follow("room", 10, second);
        assertEquals(1, fanOut.append("room", "a"));
        assertEquals(2, fanOut.append("room", "b"));
        assertEquals(List.of("1:a", "2:b"), new ArrayList<>(first.entries));
        assertEquals(new ArrayList<>(first.entries), new ArrayList<>(second.entries));
        RecordingFollower other = new RecordingFollower();
        fanOut.follow("other", 10, other);
        assertEquals(1, fanOut.append("other", "x"), "every log counts on its own");
        assertEquals(List.of("1:x"), new ArrayList<>(other.entries));
    }

    @Test
    void aLogStartsAgainWhenItsLastFollowerLeaves() {
        RecordingFollower first = new RecordingFollower();
        Following following = fanOut.follow("room", 10, first);
        fanOut.append("room", "a");
        following.close();
        fanOut.append("room", "unseen");
        assertEquals(List.of("1:a"), new ArrayList<>(first.entries), "a closed following receives nothing more");
        RecordingFollower later = new RecordingFollower();
        fanOut.follow("room", 10, later);
        assertEquals(1, fanOut.append("room", "again"), "as a single server always did with an empty room");
        assertEquals(List.of("1:again"), new ArrayList<>(later.entries), "and it keeps nothing for later followers");
    }

    @Test
    void aSingleInstanceHasNobodyElsewhere() {
        fanOut.present("room", "alice", true);
        assertEquals(0, fanOut.presentElsewhere("room").size());
        assertFalse(fanOut.shared());
    }
}
