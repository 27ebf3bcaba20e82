package io.pqws.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import io.pqws.cluster.hazelcast.HazelcastFanOut;
import io.pqws.testsupport.LoopbackHazelcast;

/**
 * One room on two instances joined by the {@code hazelcast} engine, on two real Hazelcast members in this JVM: what
 * the room's members hear of presence, up to the loss of one member of the grid.
 */
class ChatRoomOverHazelcastTest {

    private HazelcastInstance first;
    private HazelcastInstance second;
    private HazelcastFanOut one;
    private HazelcastFanOut two;

    @BeforeEach
    void startTwoMembers() throws IOException {
        int[] ports = {LoopbackHazelcast.freePort(), LoopbackHazelcast.freePort()};
        String cluster = "pqws-chat-test-" + UUID.randomUUID();
        first = Hazelcast.newHazelcastInstance(LoopbackHazelcast.config(cluster, ports[0], ports));
        second = Hazelcast.newHazelcastInstance(LoopbackHazelcast.config(cluster, ports[1], ports));
        assertEquals(2, second.getCluster().getMembers().size(), "the two members joined");
        Map<String, Integer> capacities = Map.of("chat.*", 100);
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

    /** Each user's arrival and departure once, on either instance, and the users of a lost member gone. */
    @Test
    void eachInstanceTellsItsMembersOfEveryArrivalAndDepartureOnce() throws Exception {
        new PresenceAcrossTwoInstances(one, two, () -> first.getLifecycleService().terminate()).check();
    }
}
