package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    private static ConfiguredGlassFish glassFish;
    private static AsadminDomain server;

    @BeforeAll
    static void createConfigureAndDeploy() throws Exception {
        glassFish = ConfiguredGlassFish.start("hybrid");
        server = glassFish.domain();
    }

    @AfterAll
    static void restoreAndRemove() throws Exception {
        if (glassFish != null) {
            glassFish.restoreCompareAndDelete();
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
