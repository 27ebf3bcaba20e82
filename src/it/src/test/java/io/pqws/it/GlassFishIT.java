package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.pqws.lifecycle.ModuleShutdown;
import io.pqws.testsupport.HeadlessChromium;

/**
 * The same WAR on a GlassFish 7 domain (Jakarta EE 10, Payara Server's upstream) whose own https listener the Payara
 * Server script {@code server-config/payara-server/configure-pq.sh} turned into a hybrid one: the echo works, sessions
 * report the group their handshake negotiated (read through the Grizzly locator, as on Payara) and the mTLS client
 * certificate, the server's group order wins, Chromium and OpenSSL 3.5 get the hybrid group, and {@code restore.sh}
 * gives domain.xml and the key stores back. Last, undeploying the WAR closes every open WebSocket session with
 * {@code 1001}.
 *
 * <p>The checks every container's hybrid listener must pass are {@link HybridListenerChecks}; this class adds its own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GlassFishIT implements HybridListenerChecks {

    private static AsadminDomain server;
    private static GlassFishDomainState unconfigured;

    /** The unconfigured domain deploys and undeploys the WAR once first: see {@link GlassFishDomainState#of}. */
    @BeforeAll
    static void createConfigureAndDeploy() throws Exception {
        assertEquals("hybrid", PqwsServer.profile());
        server = AsadminDomain.glassFish();
        server.deployBuiltWar();
        server.undeploy();
        unconfigured = GlassFishDomainState.of(server);
        server.configure();
        assertTrue(GlassFishDomainState.of(server).configuredForPqws(),
                "control: the comparison sees what configure-pq.sh changed");
        server.deployBuiltWar();
    }

    /** Restores, stops the domain (which may write domain.xml once more) and compares what is on disk then. */
    @AfterAll
    static void restoreAndRemove() throws Exception {
        if (server == null) {
            return;
        }
        try {
            server.undeployAndRestore();
            server.stop();
            unconfigured.assertGivenBackIn(server);
        } finally {
            server.stopAndDelete();
        }
    }

    @Override
    public PqwsListener server() {
        return server;
    }

    @Override
    public String product() {
        return "GlassFish";
    }

    @Test
    void chromiumShowsAQuantumSafeConnection() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start(PqwsServer.serverCertificate())) {
            PageVerdict page = PageVerdict.load(chromium, server.https("").toString());
            assertEquals("safe", page.state(), page.toString());
            assertEquals("X25519MLKEM768", page.group());
        }
    }

    /**
     * {@code asadmin undeploy} stops the web module as on Payara Server (Catalina's {@code StandardContext.stop}),
     * without stopping the domain, which the restore check after it needs: the module's goodbye servlet must have
     * closed every session with 1001 first. Runs last: it undeploys the WAR.
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
