package io.pqws.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * What the integration tests take from where they run, written once: the system properties the failsafe execution
 * sets (paths of the built WARs, the unpacked servers, the profile), and free TCP ports for the servers they start.
 */
final class ItEnvironment {

    private ItEnvironment() {
    }

    /** The build's system property {@code name}; fails with the way to run the tests when it is missing. */
    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set; run the integration tests "
                    + "with 'mvn verify', which sets it");
        }
        return value;
    }

    /** A loopback TCP port free at this moment, for a server the test starts next. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
