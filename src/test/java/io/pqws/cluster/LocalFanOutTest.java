package io.pqws.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The single-instance engine: numbering, delivery inside append, and a log that ends with its last follower. */
class LocalFanOutTest {

    private final LocalFanOut fanOut = new LocalFanOut();

    /** Records what a follower receives. */
    private static final class Recorder implements LogFollower {
        final List<String> seen = new ArrayList<>();

        @Override
        public void entry(long number, String entry) {
            seen.add(number + ":" + entry);
        }
    }

    @Test
    void entriesAreNumberedFromOneAndReachEveryFollowerBeforeAppendReturns() {
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        fanOut.follow("room", 10, first);
        fanOut.follow("room", 10, second);
        assertEquals(1, fanOut.append("room", "a"));
        assertEquals(2, fanOut.append("room", "b"));
        assertEquals(List.of("1:a", "2:b"), first.seen);
        assertEquals(first.seen, second.seen);
        Recorder other = new Recorder();
        fanOut.follow("other", 10, other);
        assertEquals(1, fanOut.append("other", "x"), "every log counts on its own");
        assertEquals(List.of("1:x"), other.seen);
    }

    @Test
    void aLogStartsAgainWhenItsLastFollowerLeaves() {
        Recorder first = new Recorder();
        Following following = fanOut.follow("room", 10, first);
        fanOut.append("room", "a");
        following.close();
        fanOut.append("room", "unseen");
        assertEquals(List.of("1:a"), first.seen, "a closed following receives nothing more");
        Recorder later = new Recorder();
        fanOut.follow("room", 10, later);
        assertEquals(1, fanOut.append("room", "again"), "as a single server always did with an empty room");
        assertEquals(List.of("1:again"), later.seen, "and it keeps nothing for later followers");
    }

    @Test
    void aSingleInstanceHasNobodyElsewhere() {
        fanOut.present("room", "alice", true);
        assertEquals(0, fanOut.presentElsewhere("room").size());
        assertFalse(fanOut.shared());
    }
}
