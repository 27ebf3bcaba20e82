package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
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

/** {@code /echo} over plain ws and over wss with the PQ profile, text and binary, on a real Payara Micro. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EchoIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive war() {
        return PqwsServer.builtWar();
    }

    @Test
    void echoesTextAndBinaryOverWss() throws Exception {
        try (WssConnection connection = new WssClient(PqwsServer.client(TlsProfile.HYBRID))
                .connect(PqwsServer.wss("echo"), WAIT)) {
            assertEquals("X25519MLKEM768", connection.handshake().namedGroup());
            connection.sendText("grüß dich, quantum world");
            assertEquals(new WsMessage.Text("grüß dich, quantum world"), connection.nextMessage(WAIT));
            byte[] payload = "binary \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
            connection.sendBinary(payload);
            WsMessage reply = connection.nextMessage(WAIT);
            assertTrue(reply instanceof WsMessage.Binary, reply.toString());
            assertArrayEquals(payload, ((WsMessage.Binary) reply).data());
        }
    }

    @Test
    void echoesOverPlainWsAndReportsNoTls() throws Exception {
        try (WssConnection connection = new WssClient(PqwsServer.client(TlsProfile.HYBRID))
                .connect(PqwsServer.ws(base, "tls"), WAIT)) {
            assertFalse(connection.handshake().secure());
            ServerTls tls = ServerTls.of(connection);
            assertFalse(tls.secure());
            assertFalse(tls.hybrid());
            connection.sendText("plain");
            assertEquals(new WsMessage.Text("plain"), connection.nextMessage(WAIT));
        }
    }
}
