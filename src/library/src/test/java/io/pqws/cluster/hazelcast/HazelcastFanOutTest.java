package io.pqws.cluster.hazelcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import io.pqws.cluster.RecordingFollower;
import io.pqws.testsupport.LoopbackHazelcast;

/**
 * The Hazelcast engine on two real Hazelcast members in this JVM (the version Payara bundles), joined over loopback
 * TCP on ports chosen at run time, with a cluster name of their own: one order and gap-free numbers for appends from
 * both, history for late followers, signals, presence, and the loss of a member.
 */
class HazelcastFanOutTest {

    private static final long WAIT_SECONDS = 30;

    private HazelcastInstance first;
    private HazelcastInstance second;
    private HazelcastFanOut one;
    private HazelcastFanOut two;

    @BeforeEach
    void startTwoMembers() throws IOException {
        int[] ports = {LoopbackHazelcast.freePort(), LoopbackHazelcast.freePort()};
        String cluster = "pqws-test-" + UUID.randomUUID();
        first = Hazelcast.newHazelcastInstance(LoopbackHazelcast.config(cluster, ports[0], ports));
        second = Hazelcast.newHazelcastInstance(LoopbackHazelcast.config(cluster, ports[1], ports));
        assertEquals(2, second.getCluster().getMembers().size(), "the two members joined");
        Map<String, Integer> capacities = Map.of("chat.*", 100, "notifications", 1000);
        one = new HazelcastFanOut(first, capacities);
        two = new HazelcastFanOut(second, capacities);
    }

    @AfterEach
    void stop() {
        one.close();
        two.close();
        first.getLifecycleService().terminate();
        second.getLifecycleService().terminate();
    }

    @Test
    void appendsFromBothInstancesGetOneOrderAndGapFreeNumbersEverywhere() throws Exception {
        RecordingFollower onOne = new RecordingFollower();
        RecordingFollower onTwo = new RecordingFollower();
        one.follow("chat.lobby", 5, onOne);
        two.follow("chat.lobby", 5, onTwo);
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try {
            Future<?> a = senders.submit(() -> sendAll(one, "a"));
            Future<?> b = senders.submit(() -> sendAll(two, "b"));
            a.get(WAIT_SECONDS, TimeUnit.SECONDS);
            b.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } finally {
            senders.shutdown();
        }
        List<String> seenOnOne = onOne.take(40);
        List<String> seenOnTwo = onTwo.take(40);
        assertEquals(seenOnOne, seenOnTwo, "both instances see one order");
        for (int i = 0; i < 40; i++) {
            assertTrue(seenOnOne.get(i).startsWith((i + 1) + ":"), "numbers 1..40 without gaps: " + seenOnOne);
        }
        for (String sender : List.of("a", "b")) {
            List<String> own = seenOnOne.stream().map(e -> e.substring(e.indexOf(':') + 1))
                    .filter(e -> e.startsWith(sender)).toList();
            assertEquals(expected(sender), own, "each sender's entries in the order sent");
        }
        RecordingFollower late = new RecordingFollower();
        two.follow("chat.lobby", 3, late);
        assertEquals(seenOnOne.subList(37, 40), new ArrayList<>(late.entries),
                "a later follower first gets the kept tail, synchronously");
    }

    @Test
    void signalsReachTheOtherInstancesOnly() throws Exception {
        RecordingFollower onOne = new RecordingFollower();
        RecordingFollower onTwo = new RecordingFollower();
        one.follow("chat.r", 5, onOne);
        two.follow("chat.r", 5, onTwo);
        one.signal("chat.r", "typing");
        assertEquals("typing", onTwo.signals.poll(WAIT_SECONDS, TimeUnit.SECONDS));
        two.signal("chat.r", "back");
        assertEquals("back", onOne.signals.poll(WAIT_SECONDS, TimeUnit.SECONDS),
                "the first instance hears the second one, and not its own signal before it");
    }

    @Test
    void whenAnInstanceIsLostItsPresenceGoesAndTheSurvivorKeepsTheLogAndItsNumbers() throws Exception {
        RecordingFollower onTwo = new RecordingFollower();
        two.follow("chat.r", 5, onTwo);
        one.present("chat.r", "alice", true);
        two.present("chat.r", "bob", true);
        assertEquals(Set.of("alice"), two.presentElsewhere("chat.r"));
        assertEquals(Set.of("bob"), one.presentElsewhere("chat.r"));
        for (int i = 1; i <= 3; i++) {
            one.append("chat.r", "m" + i);
        }
        assertEquals(List.of("1:m1", "2:m2", "3:m3"), onTwo.take(3));

        first.getLifecycleService().terminate();
        assertTrue(onTwo.peersChanged.await(WAIT_SECONDS, TimeUnit.SECONDS), "the survivor hears of the loss");
        assertEquals(Set.of(), two.presentElsewhere("chat.r"), "alice was only on the lost instance");
        assertEquals(4, two.append("chat.r", "m4"), "numbering goes on without a gap");
        assertEquals(List.of("4:m4"), onTwo.take(1));
        RecordingFollower late = new RecordingFollower();
        two.follow("chat.r", 5, late);
        assertEquals(List.of("1:m1", "2:m2", "3:m3", "4:m4"), new ArrayList<>(late.entries),
                "the backup kept every acknowledged entry");
    }

    @Test
    void everyInstanceAgreesOnTheRun() {
        assertEquals(one.run(), two.run());
    }

    private static void sendAll(HazelcastFanOut fanOut, String sender) {
        for (String entry : expected(sender)) {
            fanOut.append("chat.lobby", entry);
        }
    }

    private static List<String> expected(String sender) {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            entries.add(sender + i);
        }
        return entries;
    }
}
