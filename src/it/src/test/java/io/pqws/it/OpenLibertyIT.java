package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.pqws.lifecycle.ModuleShutdown;
import io.pqws.testsupport.HeadlessChromium;

/**
 * The same WAR on Open Liberty 26 (Jakarta EE 10 web profile), whose https port
 * {@code server-config/open-liberty/configure-pq.sh} turned into a hybrid one: the echo works, the server's group
 * order wins (so the PQWS provider serves Liberty's SSL channel, not SunJSSE), OpenSSL 3.5 gets the hybrid group,
 * each session reports its own group and the mTLS client certificate, Chromium's page says "quantum-safe", and
 * {@code restore.sh} gives every configuration file of the server back.
 * Last, removing the WAR from {@code dropins/} closes every open WebSocket session with {@code 1001}.
 *
 * <p>Liberty keeps the {@code SSLEngine} of a connection behind non-public members of its channel framework, but its
 * public SPI reaches the TLS session, in which the PQWS provider names the group
 * ({@code OpenLibertySslSessionLocator}); each check compares the group the session reports with the one the client
 * negotiated.
 *
 * <p>The checks every container's hybrid listener must pass are {@link HybridListenerChecks}; this class adds its own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenLibertyIT implements HybridListenerChecks {

    private static ConfiguredOpenLiberty liberty;
    private static OpenLibertyServer server;

    @BeforeAll
    static void createConfigureAndStart() throws Exception {
        liberty = ConfiguredOpenLiberty.start("hybrid");
        server = liberty.server();
    }

    @AfterAll
    static void stopRestoreAndRemove() throws Exception {
        if (liberty != null) {
            liberty.stopRestoreCompareAndDelete();
        }
    }

    @Override
    public PqwsListener server() {
        return server;
    }

    @Override
    public String product() {
        return "Open Liberty";
    }

    /** The positive control of the comparison in {@link #stopRestoreAndRemove}: it sees what configure-pq.sh did. */
    @Test
    void configureAddsTheProfileAndADropInButLeavesServerXmlAlone() throws Exception {
        Map<String, String> now = server.configuration();
        assertNotEquals(liberty.configurationBefore(), now);
        assertEquals(liberty.configurationBefore().get("server.xml"), now.get("server.xml"));
        assertTrue(now.get("jvm.options").contains("--module-path="), now.get("jvm.options"));
        assertTrue(now.get("configDropins/overrides/pqws-pq.xml").contains("jsseProvider=\"PQWS\""));
        assertFalse(liberty.configurationBefore().containsKey("jvm.options"), "the template has no jvm.options");
    }

    /** Chromium loads the page and its WebSocket over the PQ endpoint, and the page says it is quantum-safe. */
    @Test
    void chromiumIsToldItsConnectionIsQuantumSafe() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start(PqwsServer.serverCertificate())) {
            PageVerdict page = PageVerdict.load(chromium, server.https("").toString());
            assertEquals("safe", page.state(), page.toString());
            assertEquals("X25519MLKEM768", page.group(), page.toString());
        }
    }

    /**
     * Removing the WAR from {@code dropins/} makes Liberty stop the web module, without stopping the server, which
     * the restore check after it needs: the module's goodbye servlet must have closed every session with 1001 first.
     * Runs last: it undeploys the WAR.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void undeployingSaysGoingAwayToEverySession() throws Exception {
        try (StopWitnesses witnesses = StopWitnesses.open(server.wss("echo"), WAIT)) {
            server.undeploy();
            witnesses.assertGoingAway(ModuleShutdown.REASON, WAIT);
        }
    }
}
