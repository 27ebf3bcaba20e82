package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.time.Duration;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.pqws.client.TlsProfile;
import io.pqws.client.WsMessage;
import io.pqws.client.WssClient;
import io.pqws.client.WssConnection;

/**
 * On Payara Micro 6 and 7 (Tyrus) the module switches off the per-message idle-timeout task Tyrus schedules even for
 * sessions with no timeout ({@code io.pqws.container.TyrusSessionIdleTimer}), and the sessions still work. Fails when
 * a Payara upgrade moves what the switch reaches: {@code /api/status} then says {@code failed: ...}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ContainerIdleTimerIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive war() {
        return PqwsServer.builtWar();
    }

    @Test
    void tyrusPerMessageIdleTimerIsSwitchedOffAndTheSessionStillWorks() throws Exception {
        try (WssConnection echo = new WssClient(PqwsServer.client(TlsProfile.HYBRID))
                .connect(PqwsServer.wss("echo"), WAIT)) {
            for (String text : new String[] {"one", "two"}) {
                echo.sendText(text);
                assertEquals(new WsMessage.Text(text), echo.nextMessage(WAIT));
            }
            assertEquals("switched-off", new OperatorHttp(PqwsServer.http(base, "")).status()
                    .getString("containerIdleTimer"));
        }
    }
}
