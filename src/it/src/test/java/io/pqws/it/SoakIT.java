package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.OptionalLong;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.pqws.client.ClientTlsSettings;
import io.pqws.client.TlsProfile;
import io.pqws.load.LoadClient;
import io.pqws.load.SoakPlan;
import io.pqws.load.SoakResult;
import io.pqws.load.SoakRun;

/**
 * The quick soak of issue 8 on a real Payara Micro with the module's default limits: a few hundred hybrid wss chat
 * sessions, each a different user with a ticket, send numbered messages; every receiver checks every sender. Nothing
 * may be lost, duplicated or reordered, no member may be closed, and a flooder in the first room must be stopped by
 * the rate limit (1008) while its room carries on. The same {@link SoakRun} as {@code pqws-client soak}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SoakIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return PqwsServer.builtWar();
    }

    @Test
    void hundredsOfSessionsLoseNothingAndAFlooderIsThrottled() throws Exception {
        ClientTlsSettings sessions = PqwsServer.client(TlsProfile.HYBRID);
        ClientTlsSettings issuer = sessions.withClientCertificate(PqwsServer.clientCertificate("portal"));
        SoakPlan plan = SoakPlan.quick(Long.toString(Instant.now().getEpochSecond(), 36));
        SoakResult result;
        try (LoadClient client = new LoadClient(PqwsServer.https(""), sessions, issuer, 4)) {
            result = new SoakRun(client, plan, payaraPid(), System.out::println).run();
        }
        result.lines().forEach(System.out::println);
        String report = String.join("\n", result.lines());
        assertTrue(result.negotiated().endsWith("X25519MLKEM768"), report);
        assertEquals(plan.sessions(), result.opened(), report);
        assertTrue(result.sent() > plan.sessions(), "positive control: every member sent several messages\n" + report);
        assertTrue(result.delivered() >= result.sent() * 2, "positive control: messages reached the rooms\n" + report);
        assertEquals(0, result.verdict().lost(), report);
        assertEquals(0, result.verdict().duplicated(), report);
        assertEquals(0, result.verdict().outOfOrder(), report);
        assertEquals(0, result.roomGaps(), report);
        assertEquals(0, result.unexpectedCloses(), "the flood hurt no other member\n" + report);
        assertTrue(result.floodThrottled(), report);
        assertEquals("rate limit exceeded (20 messages per second, bursts of 40)", result.floodEnding().reason(),
                report);
        assertTrue(result.passed(), report);
    }

    /** The Payara Micro that Arquillian started, a child of this JVM (heap figures only; nothing asserts on them). */
    private static OptionalLong payaraPid() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("payara-micro"))
                .mapToLong(ProcessHandle::pid).findFirst();
    }
}
