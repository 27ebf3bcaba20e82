package io.pqws.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;

/**
 * A Hazelcast member's configuration for tests that form a data grid of several members in one JVM: loopback only,
 * TCP/IP join to the given ports, no multicast, no discovery, no phone-home, no logging, and no wait before joining.
 */
public final class LoopbackHazelcast {

    private LoopbackHazelcast() {
    }

    /** A member of {@code cluster} on {@code port} that joins the members on {@code ports}. */
    public static Config config(String cluster, int port, int[] ports) {
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

    /** A free loopback port. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
