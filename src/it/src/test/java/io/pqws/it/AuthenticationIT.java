package io.pqws.it;

import static io.pqws.it.Users.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.pqws.client.HandshakeOptions;
import io.pqws.client.TlsProfile;
import io.pqws.client.WssClient;
import io.pqws.client.WssClientException;
import io.pqws.client.WssConnection;
import jakarta.json.JsonObject;

/**
 * Who may connect, on a real Payara Micro with the built WAR: client certificates (the session's principal is the
 * subject), a prompt 401 without one (the CLIENT-CERT hang of {@link ClientCertLoginConfigIT} does not happen),
 * single-use tickets, the Origin allow-list, TLS for protected endpoints, and the roles of the REST calls.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuthenticationIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive war() {
        return PqwsServer.builtWar();
    }

    @Test
    void aClientCertificateIsTheSessionsPrincipal() throws Exception {
        try (WssConnection alice = Users.connect("alice", "chat/auth-cert")) {
            JsonObject welcome = Users.nextOfType(alice, "welcome");
            assertEquals("CN=alice,O=pqws dev", welcome.getString("you"));
        }
    }

    @Test
    void withoutCertificateOrTicketTheHandshakeIsRefusedWith401Promptly() {
        // Within the client's 10 s connect timeout, where a CLIENT-CERT login would hold the request for 30 s.
        for (String path : List.of("chat/auth-none", "notifications")) {
            WssClientException refused = assertThrows(WssClientException.class,
                    () -> new WssClient(PqwsServer.client(TlsProfile.HYBRID)).connect(Users.wss(path), WAIT).close());
            assertEquals(WssClientException.Kind.CONNECT, refused.kind(), refused.getMessage());
            assertTrue(refused.getMessage().contains("HTTP 401"), refused.getMessage());
        }
    }

    @Test
    void aTicketOpensOneSessionAsItsUserAndIsRefusedWhenReplayed() throws Exception {
        String ticket = Users.ticketFor("bob");
        try (WssConnection bob = Users.connectWithTicket(ticket, "chat/auth-ticket")) {
            assertEquals("pqws.v1", bob.subprotocol(), "the ticket itself is never echoed");
            assertEquals("CN=bob,O=pqws dev", Users.nextOfType(bob, "welcome").getString("you"));
        }
        WssClientException replayed = assertThrows(WssClientException.class,
                () -> Users.connectWithTicket(ticket, "chat/auth-ticket").close());
        assertTrue(replayed.getMessage().contains("HTTP 401"), replayed.getMessage());
    }

    @Test
    void anInventedTicketIsRefused() {
        WssClientException refused = assertThrows(WssClientException.class,
                () -> Users.connectWithTicket("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "notifications").close());
        assertTrue(refused.getMessage().contains("HTTP 401"), refused.getMessage());
    }

    @Test
    void ticketsAreIssuedToAuthenticatedCallersOnly() throws Exception {
        HttpResponse<String> anonymous = Users.post(null, "api/tickets", "");
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        HttpResponse<String> alice = Users.post("alice", "api/tickets", "");
        assertEquals(200, alice.statusCode(), alice.body());
        assertEquals("no-store", alice.headers().firstValue("Cache-Control").orElse(""));
        JsonObject ticket = Users.json(alice.body());
        assertEquals("CN=alice,O=pqws dev", ticket.getString("user"));
        assertEquals("pqws.ticket." + ticket.getString("ticket"), ticket.getString("subprotocol"));
    }

    @Test
    void onlyATicketIssuerObtainsTicketsForOtherUsers() throws Exception {
        HttpResponse<String> portal = Users.post("portal", "api/tickets", "{\"user\":\"CN=dave, O=portal users\"}");
        assertEquals(200, portal.statusCode(), portal.body());
        String ticket = Users.json(portal.body()).getString("ticket");
        try (WssConnection dave = Users.connectWithTicket(ticket, "chat/auth-issued")) {
            assertEquals("CN=dave,O=portal users", Users.nextOfType(dave, "welcome").getString("you"));
        }
        HttpResponse<String> alice = Users.post("alice", "api/tickets", "{\"user\":\"CN=bob,O=pqws dev\"}");
        assertEquals(403, alice.statusCode(), alice.body());
        HttpResponse<String> malformed = Users.post("portal", "api/tickets", "{\"user\":");
        assertEquals(400, malformed.statusCode(), malformed.body());
        assertEquals("malformed JSON", Users.json(malformed.body()).getString("error"));
    }

    @Test
    void aForeignOriginIsRefusedWith403AtTheHandshake() throws Exception {
        for (String path : List.of("chat/auth-origin", "notifications", "echo", "tls")) {
            WssClientException refused = assertThrows(WssClientException.class,
                    () -> new WssClient(Users.withCertificate("alice")).connect(Users.wss(path), WAIT,
                            HandshakeOptions.none().withOrigin("https://evil.example")).close(), path);
            assertTrue(refused.getMessage().contains("HTTP 403"), path + ": " + refused.getMessage());
        }
    }

    @Test
    void theServersOwnOriginAndListedOriginsAreAllowed_positiveControl() throws Exception {
        String own = "https://localhost:" + PqwsServer.httpsPort();
        for (String origin : List.of(own, "https://portal.example.com")) {
            try (WssConnection alice = new WssClient(Users.withCertificate("alice")).connect(
                    Users.wss("chat/auth-origin"), WAIT, HandshakeOptions.none().withOrigin(origin))) {
                assertEquals("welcome", Users.next(alice).getString("type"), origin);
            }
        }
        // a listed origin on another port is another origin
        WssClientException otherPort = assertThrows(WssClientException.class,
                () -> new WssClient(Users.withCertificate("alice")).connect(Users.wss("echo"), WAIT,
                        HandshakeOptions.none().withOrigin("https://portal.example.com:8443")).close());
        assertTrue(otherPort.getMessage().contains("HTTP 403"), otherPort.getMessage());
    }

    @Test
    void protectedEndpointsRefusePlainWsWhilePublicOnesStayOpen() throws Exception {
        WssClientException refused = assertThrows(WssClientException.class,
                () -> new WssClient(PqwsServer.client(TlsProfile.HYBRID))
                        .connect(PqwsServer.ws(base, "chat/auth-plain"), WAIT).close());
        assertTrue(refused.getMessage().contains("HTTP 403"), refused.getMessage());
        try (WssConnection echo = new WssClient(PqwsServer.client(TlsProfile.HYBRID))
                .connect(PqwsServer.ws(base, "echo"), WAIT)) {
            assertFalse(echo.handshake().secure());
        }
    }

    @Test
    void onlyPublishersPublishNotifications() throws Exception {
        String body = "{\"user\":\"CN=alice,O=pqws dev\",\"title\":\"hello\"}";
        assertEquals(401, Users.post(null, "api/notifications", body).statusCode());
        assertEquals(403, Users.post("alice", "api/notifications", body).statusCode());
        HttpResponse<String> portal = Users.post("portal", "api/notifications", body);
        assertEquals(202, portal.statusCode(), portal.body());
        assertTrue(Users.json(portal.body()).getString("id").matches("[0-9a-z]+-[0-9]+"), portal.body());
        HttpResponse<String> bad = Users.post("portal", "api/notifications", "{\"title\":\"to nobody\"}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals("address exactly one of \"user\", \"role\" and \"topic\"",
                Users.json(bad.body()).getString("error"));
    }
}
