package io.pqws.it;

import static io.pqws.it.Users.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.pqws.client.TlsProfile;
import io.pqws.client.WsMessage;
import io.pqws.client.WssClient;
import io.pqws.client.WssConnection;
import jakarta.json.JsonObject;

/**
 * Faults of issue 8 on a real Payara Micro with small limits ({@code pqws-it-tight.properties}: idle timeout 10 s,
 * 3 sessions per user, rooms of 3): a client that vanishes in the middle of a frame, and one that goes silent
 * (half-open). Each time the server must clean the session up (room membership and the user's session count, the
 * latter shown by the user being admitted to as many new sessions as the cap allows) and the others must carry on.
 * Each test uses its own user for the faulty client, so no test sees another's sessions. A slow consumer is
 * {@code LimitsIT.aMemberThatStopsReadingIsClosedAndTheRoomCarriesOn}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FaultsIT {

    private static final int SESSIONS_PER_USER = 3;

    @Deployment(testable = false)
    @TargetsContainer("payara-micro-tight")
    static WebArchive war() {
        return PqwsServer.builtWar();
    }

    @Test
    void aClientResetInTheMiddleOfAFrameIsCleanedUpAndTheRoomCarriesOn() throws Exception {
        try (WssConnection carol = Users.connect("carol", "chat/abrupt")) {
            Users.nextOfType(carol, "welcome");
            RawWebSocket bob = RawWebSocket.open("bob", "chat/abrupt");
            JsonObject joined = Users.nextOfType(carol, "presence");
            assertEquals(List.of(Users.principal("bob")), Users.strings(joined, "joined"),
                    "positive control: bob is a member");
            bob.sendRaw(halfAFrame());
            bob.reset();
            JsonObject left = Users.nextOfType(carol, "presence");
            assertEquals(List.of(Users.principal("bob")), Users.strings(left, "left"),
                    "bob's session was removed from the room");
            try (WssConnection alice = Users.connect("alice", "chat/abrupt")) {
                Users.nextOfType(alice, "welcome");
                alice.sendText(ChatIT.say("still here"));
                JsonObject message = Users.nextOfType(carol, "message");
                assertEquals("still here", message.getString("text"), "the room carries on");
                assertEquals(Users.principal("alice"), message.getString("sender"));
            }
        }
        assertAdmittedUpToTheCap("bob");
    }

    @Test
    void aSilentHalfOpenClientIsReapedByTheIdleTimeoutWhileAnActiveOneStays() throws Exception {
        try (WssConnection active = new WssClient(PqwsServer.client(TlsProfile.HYBRID)).connect(Users.wss("echo"),
                WAIT)) {
            RawWebSocket silent = RawWebSocket.open("portal", "chat/halfopen");
            RawWebSocket.Drained drained;
            try {
                // it never sends: the server must end it, while the active session keeps talking
                CompletableFuture<RawWebSocket.Drained> ended = CompletableFuture.supplyAsync(() -> {
                    try {
                        return silent.drainUntilClose();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                for (int round = 0; round < 40 && !ended.isDone(); round++) {
                    active.sendText("still here " + round);
                    assertEquals(new WsMessage.Text("still here " + round), active.nextMessage(WAIT));
                    try {
                        ended.get(500, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException stillOpen) {
                        // not reaped yet: talk again
                    }
                }
                drained = ended.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            } finally {
                silent.close();
            }
            assertTrue(drained.closeFrame(), drained.toString());
            assertEquals(1000, drained.closeCode(), drained.toString());
            assertTrue(drained.closeReason().contains("idle timeout"), drained.toString());
            assertTrue(active.isOpen(), "the active session stays");
        }
        try (WssConnection carol = Users.connect("carol", "chat/halfopen")) {
            JsonObject welcome = Users.nextOfType(carol, "welcome");
            assertEquals(List.of(Users.principal("carol")),
                    welcome.getJsonArray("members").getValuesAs(jakarta.json.JsonString.class).stream()
                            .map(jakarta.json.JsonString::getString).toList(),
                    "the reaped session left the room");
        }
        assertAdmittedUpToTheCap("portal");
    }

    /** A masked text frame that announces 1000 bytes and carries 100: the client vanishes mid-message. */
    private static byte[] halfAFrame() {
        byte[] payload = "x".repeat(100).getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[2 + 2 + 4 + payload.length];
        frame[0] = (byte) 0x81; // FIN, text
        frame[1] = (byte) (0x80 | 126); // masked, 16-bit length follows
        frame[2] = (byte) (1000 >> 8);
        frame[3] = (byte) (1000 & 0xFF);
        byte[] mask = {1, 2, 3, 4};
        System.arraycopy(mask, 0, frame, 4, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[8 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }

    /**
     * The user gets all {@value #SESSIONS_PER_USER} sessions the cap allows: a session the server had not cleaned
     * up would still count, and the last one would be closed with 1008.
     */
    private static void assertAdmittedUpToTheCap(String user) throws Exception {
        List<WssConnection> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < SESSIONS_PER_USER; i++) {
                WssConnection session = Users.connect(user, "echo");
                sessions.add(session);
                session.sendText("session " + i);
                assertEquals(new WsMessage.Text("session " + i), session.nextMessage(WAIT),
                        user + "'s session " + (i + 1) + " of " + SESSIONS_PER_USER + " is admitted");
            }
        } finally {
            sessions.forEach(WssConnection::close);
        }
    }
}
