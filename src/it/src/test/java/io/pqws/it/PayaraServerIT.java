package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.pqws.lifecycle.ModuleShutdown;

/**
 * The same WAR on a Payara Server domain whose own https listener {@code server-config/payara-server/configure-pq.sh}
 * turned into a hybrid one: the echo works, sessions report the group their handshake negotiated and the mTLS
 * client certificate, the server's group order wins, and {@code restore.sh} gives the domain's JVM options, listener
 * settings and key store entries back. Last, undeploying the WAR closes every open WebSocket session with
 * {@code 1001}. Two failsafe executions run it, one per supported major version with the same scripts: Payara Server
 * 6 on the default JDK and Payara Server 7 (Jakarta EE 11, Java 21 or newer) on JDK 25 (see {@link PayaraServer}).
 *
 * <p>The checks every container's hybrid listener must pass are {@link HybridListenerChecks}; this class adds its own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayaraServerIT implements HybridListenerChecks {

    private static final String LISTENER_SSL =
            "configs.config.server-config.network-config.protocols.protocol.http-listener-2.ssl.*";
    private static final String KEY_STORE = "keystore.p12";
    private static final String TRUST_STORE = "cacerts.p12";

    private static AsadminDomain server;
    private static String jvmOptionsBefore;
    private static String listenerBefore;
    private static Set<String> keyStoreBefore;
    private static Set<String> trustStoreBefore;

    @BeforeAll
    static void createConfigureAndDeploy() throws Exception {
        assertEquals("hybrid", PqwsServer.profile());
        server = AsadminDomain.payaraServer();
        jvmOptionsBefore = server.asadmin("list-jvm-options");
        listenerBefore = server.asadmin("get", LISTENER_SSL);
        keyStoreBefore = server.storeAliases(KEY_STORE);
        trustStoreBefore = server.storeAliases(TRUST_STORE);
        server.configure();
        server.deployBuiltWar();
    }

    @AfterAll
    static void restoreAndRemove() throws Exception {
        if (server == null) {
            return;
        }
        try {
            server.undeployAndRestore();
            assertEquals(jvmOptionsBefore, server.asadmin("list-jvm-options"), "restore.sh removes the JVM options");
            assertEquals(listenerBefore, server.asadmin("get", LISTENER_SSL), "restore.sh resets the listener");
            assertEquals(keyStoreBefore, server.storeAliases(KEY_STORE), "restore.sh removes the server key");
            assertEquals(trustStoreBefore, server.storeAliases(TRUST_STORE), "restore.sh removes the client CA");
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
        return "Payara Server";
    }

    /** The leg really runs the Payara Server it names, on the Java it names (JDK 25 for Payara Server 7). */
    @Test
    void theDomainIsTheExpectedPayaraServerOnTheTestsJava() throws Exception {
        String version = server.version();
        assertTrue(version.startsWith("Payara Server " + AsadminDomain.expectedMajor() + "."), version);
        assertEquals(System.getProperty("java.home"), server.domainJavaHome());
    }

    /** The positive control of the key store checks in {@link #restoreAndRemove}: configure-pq.sh added both. */
    @Test
    void configureImportsTheServerKeyAndTheClientCaUnderAliasesOfTheirOwn() throws Exception {
        assertFalse(keyStoreBefore.contains("pqws-server"), keyStoreBefore.toString());
        assertTrue(server.storeAliases(KEY_STORE).contains("pqws-server"));
        assertFalse(trustStoreBefore.contains("pqws-client-ca"));
        assertTrue(server.storeAliases(TRUST_STORE).contains("pqws-client-ca"));
    }

    /**
     * {@code asadmin undeploy} stops the web module as {@code asadmin stop-domain} does (Catalina's
     * {@code StandardContext.stop}: servlets, then Tyrus' filter, which drops what is still open), only without
     * stopping the domain, which the restore check after it needs: the module's goodbye servlet must have closed
     * every session with 1001 first. Runs last: it undeploys the WAR.
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
