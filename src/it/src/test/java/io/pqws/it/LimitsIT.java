package io.pqws.it;

import static io.pqws.it.Users.WAIT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.pqws.client.CloseStatus;
import io.pqws.client.TlsProfile;
import io.pqws.client.WsMessage;
import io.pqws.client.WssClient;
import io.pqws.client.WssClientException;
import io.pqws.client.WssConnection;
import io.pqws.testsupport.PrometheusScrape;
import jakarta.json.JsonObject;

/**
 * The abuse limits, each reached on a real Payara Micro started with small settings
 * ({@code pqws-it-tight.properties}): message size (1009), rate (1008), idle timeout, sessions per user (1008),
 * room size (4002), a slow consumer (4001), and ticket expiry. Each with its positive control.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LimitsIT {

    private static final int MAX_TEXT = 65_536;
    private static final int MAX_BINARY = 2_048;

    @Deployment(testable = false)
    @TargetsContainer("payara-micro-tight")
    static WebArchive war() {
        return PqwsServer.builtWar();
    }

    @Test
    void aTextMessageOverTheLimitIsClosedWith1009() throws Exception {
        try (WssConnection echo = anonymous("echo")) {
            String atLimit = "x".repeat(MAX_TEXT);
            echo.sendText(atLimit);
            assertEquals(new WsMessage.Text(atLimit), echo.nextMessage(WAIT), "positive control: exactly the limit");
            echo.sendText("é".repeat(MAX_TEXT / 2) + "x"); // 65537 bytes in UTF-8, fewer characters
            CloseStatus closed = echo.awaitClose(WAIT).orElseThrow();
            assertEquals(1009, closed.code());
            assertEquals("text message of 65537 bytes exceeds 65536", closed.reason());
        }
    }

    @Test
    void aBinaryMessageOverTheLimitIsClosedWith1009() throws Exception {
        try (WssConnection echo = anonymous("echo")) {
            byte[] atLimit = new byte[MAX_BINARY];
            echo.sendBinary(atLimit);
            assertArrayEquals(atLimit, ((WsMessage.Binary) echo.nextMessage(WAIT)).data());
            echo.sendBinary(new byte[MAX_BINARY + 1]);
            CloseStatus closed = echo.awaitClose(WAIT).orElseThrow();
            assertEquals(1009, closed.code());
        }
    }

    /**
     * The flooder keeps writing after the server's 1008, so the server's TCP stack may reset the connection (unread
     * data) before the client has read the close frame: the client then sees 1006. The server's close count says
     * why it closed either way, so that is what this test holds it to, plus the 1008 frame whenever it got through.
     */
    @Test
    void aFloodIsClosedWith1008WhileABurstWithinTheLimitIsServed() throws Exception {
        OperatorHttp operator = new OperatorHttp();
        PrometheusScrape before = operator.metrics();
        try (WssConnection burst = anonymous("echo")) {
            for (int i = 0; i < 300; i++) { // within the burst of 400
                burst.sendText("m" + i);
            }
            for (int i = 0; i < 300; i++) {
                assertEquals(new WsMessage.Text("m" + i), burst.nextMessage(WAIT));
            }
        }
        try (WssConnection flood = anonymous("echo")) {
            int sent = 0;
            try {
                for (; sent < 5_000; sent++) {
                    flood.sendText("f" + sent);
                }
            } catch (WssClientException closedWhileSending) {
                // the server closed the session mid-flood
            }
            CloseStatus closed = flood.awaitClose(WAIT).orElseThrow();
            PrometheusScrape after = operator.metricsWhen(m -> MetricsIT.delta(before, m,
                    "pqws_websocket_closes_total", "endpoint", "/echo", "code", "1008") == 1);
            assertEquals(1, MetricsIT.delta(before, after, "pqws_websocket_closes_total", "endpoint", "/echo",
                    "code", "1008"), "the server closed the flooder with 1008");
            if (closed.code() != 1006) {
                assertEquals(1008, closed.code(), "after " + sent + " messages: " + closed);
                assertEquals("rate limit exceeded (200 messages per second, bursts of 400)", closed.reason());
            }
        }
    }

    @Test
    void anIdleSessionIsClosedWhileAnActiveOneStaysAndAnOldTicketHasExpired() throws Exception {
        String ticket = Users.ticketFor("alice"); // lives 1 s; the idle timeout is 10 s
        try (WssConnection idle = anonymous("echo"); WssConnection active = anonymous("echo")) {
            Optional<CloseStatus> closed = Optional.empty();
            for (int round = 0; round < 60 && closed.isEmpty(); round++) {
                active.sendText("still here " + round);
                assertEquals(new WsMessage.Text("still here " + round), active.nextMessage(WAIT));
                closed = idle.awaitClose(Duration.ofMillis(500));
            }
            CloseStatus status = closed.orElseThrow(() -> new AssertionError("the idle session was not closed"));
            assertTrue(status.reason().contains("idle timeout"), status.toString());
            assertTrue(active.isOpen(), "the active session stays open");
        }
        WssClientException expired = assertThrows(WssClientException.class,
                () -> Users.connectWithTicket(ticket, "chat/expiry").close());
        assertTrue(expired.getMessage().contains("HTTP 401"), expired.getMessage());
        try (WssConnection fresh = Users.connectWithTicket(Users.ticketFor("alice"), "chat/expiry")) {
            assertEquals("welcome", Users.next(fresh).getString("type"), "positive control: a fresh ticket works");
        }
    }

    @Test
    void aUserMayHoldThreeSessionsAndNotFour() throws Exception {
        List<WssConnection> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                WssConnection session = Users.connect("carol", "echo");
                sessions.add(session);
                session.sendText("hello " + i);
                assertEquals(new WsMessage.Text("hello " + i), session.nextMessage(WAIT));
            }
            try (WssConnection fourth = Users.connect("carol", "notifications")) {
                CloseStatus closed = fourth.awaitClose(WAIT).orElseThrow();
                assertEquals(1008, closed.code());
                assertEquals("too many sessions for this user (max 3)", closed.reason());
            }
            sessions.remove(0).close();
            try (WssConnection again = Users.connect("carol", "echo")) {
                again.sendText("admitted again");
                assertEquals(new WsMessage.Text("admitted again"), again.nextMessage(WAIT));
            }
        } finally {
            sessions.forEach(WssConnection::close);
        }
    }

    @Test
    void aFullRoomIsClosedWith4002() throws Exception {
        try (WssConnection alice = Users.connect("alice", "chat/full");
                WssConnection bob = Users.connect("bob", "chat/full");
                WssConnection carol = Users.connect("carol", "chat/full")) {
            for (WssConnection member : List.of(alice, bob, carol)) {
                assertEquals("welcome", Users.nextOfType(member, "welcome").getString("type"));
            }
            try (WssConnection portal = Users.connect("portal", "chat/full")) {
                CloseStatus closed = portal.awaitClose(WAIT).orElseThrow();
                assertEquals(4002, closed.code(), closed::toString);
                assertEquals("room is full (max 3 members)", closed.reason());
            }
        }
    }

    /**
     * The server closes the slow member with 4001 (its log says so), but that close frame queues behind the data the
     * member has not read, and Tyrus closes the connection without flushing it: a client that stopped reading sees
     * its connection end, with the 4001 frame only if it happened to get through.
     */
    @Test
    void aMemberThatStopsReadingIsClosedAndTheRoomCarriesOn() throws Exception {
        int count = 300;
        String filler = "y".repeat(60_000);
        try (WssConnection alice = Users.connect("alice", "chat/slow");
                WssConnection carol = Users.connect("carol", "chat/slow")) {
            Users.nextOfType(alice, "welcome");
            Users.nextOfType(carol, "welcome");
            try (RawWebSocket bob = RawWebSocket.open("bob", "chat/slow")) {
                Users.nextOfType(carol, "presence"); // bob joined
                for (int i = 1; i <= count; i++) {
                    alice.sendText(ChatIT.say(i + " " + filler));
                }
                boolean bobLeft = false;
                int seq = 0;
                while (seq < count) {
                    JsonObject next = Users.next(carol);
                    if (next.getString("type").equals("message")) {
                        assertEquals(++seq, next.getInt("seq"), "carol receives every message in order");
                    } else if (next.getString("type").equals("presence") && !Users.strings(next, "left").isEmpty()) {
                        assertEquals(List.of(Users.principal("bob")), Users.strings(next, "left"));
                        bobLeft = true;
                    }
                }
                assertTrue(bobLeft, "bob was removed from the room while alice was still sending");
                for (int i = 1; i <= count; i++) {
                    assertEquals(i, Users.nextOfType(alice, "message").getInt("seq"), "alice, the sender, too");
                }
                RawWebSocket.Drained drained = bob.drainUntilClose();
                assertTrue(drained.dataFrames() < count, "bob's connection ended before it got everything: "
                        + drained);
                if (drained.closeFrame()) {
                    assertEquals(4001, drained.closeCode(), drained.toString());
                }
            }
        }
    }

    private static WssConnection anonymous(String path) throws WssClientException {
        return new WssClient(PqwsServer.client(TlsProfile.HYBRID)).connect(Users.wss(path), WAIT);
    }
}
