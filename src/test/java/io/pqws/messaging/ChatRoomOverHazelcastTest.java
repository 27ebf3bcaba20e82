package io.pqws.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import io.pqws.cluster.hazelcast.HazelcastFanOut;

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
        int[] ports = {freePort(), freePort()};
        String cluster = "pqws-chat-test-" + UUID.randomUUID();
        first = Hazelcast.newHazelcastInstance(config(cluster, ports[0], ports));
        second = Hazelcast.newHazelcastInstance(config(cluster, ports[1], ports));
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

    private static Config config(String cluster, int port, int[] ports) {
        Config config = new Config().setClusterName(cluster);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "none");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true);
        for (int member : ports) {
            join.getTcpIpConfig().addMember("127.0.0.1:" + member);
        }
        return config;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
