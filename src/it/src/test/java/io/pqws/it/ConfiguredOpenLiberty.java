package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

/**
 * A fresh Open Liberty server configured by {@code configure-pq.sh} for the leg's profile, with the built WAR in
 * {@code dropins/} and started, and its way back: stopped, {@code restore.sh}, then every configuration file compared
 * with the server as it was before. Every Open Liberty leg starts and ends its server this way.
 */
final class ConfiguredOpenLiberty {

    private final OpenLibertyServer server;
    private final Map<String, String> configurationBefore;

    private ConfiguredOpenLiberty(OpenLibertyServer server, Map<String, String> configurationBefore) {
        this.server = server;
        this.configurationBefore = configurationBefore;
    }

    /** Creates, configures for {@code profile} and starts the server; one that fails on the way is deleted again. */
    static ConfiguredOpenLiberty start(String profile) throws Exception {
        assertEquals(profile, PqwsServer.profile(), "the failsafe execution's profile");
        OpenLibertyServer server = OpenLibertyServer.create();
        try {
            Map<String, String> before = server.configuration();
            server.configure();
            server.deployAndStart();
            return new ConfiguredOpenLiberty(server, before);
        } catch (Exception | AssertionError e) {
            try {
                server.stopAndRestore();
                server.delete();
            } catch (Exception cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    OpenLibertyServer server() {
        return server;
    }

    /** The configuration files before {@code configure-pq.sh}, by path below the server directory. */
    Map<String, String> configurationBefore() {
        return configurationBefore;
    }

    /** Stops the server, runs {@code restore.sh}, compares every configuration file with before, deletes the server. */
    void stopRestoreCompareAndDelete() throws Exception {
        try {
            server.stopAndRestore();
            assertEquals(configurationBefore, server.configuration(),
                    "restore.sh gives server.xml, jvm.options and every other configuration file back");
        } finally {
            server.delete();
        }
    }
}
