package io.pqws.it;

import static io.pqws.it.Users.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.pqws.client.CloseStatus;
import io.pqws.client.WssConnection;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/**
 * {@code /notifications} on a real Payara Micro: addressing by user, role and topic, publishing by REST and by CDI
 * event, and what a reconnecting client receives (the default backlog of 100 included).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NotificationsIT {

    @Deployment(testable = false)
    static WebArchive war() {
        // the built WAR plus one class standing for portal code that fires the CDI event
        return PqwsServer.builtWar().addClass(PortalEventSource.class);
    }

    @Test
    void aNotificationForAUserReachesOnlyThatUsersSessions() throws Exception {
        try (WssConnection alice = Users.connect("alice", "notifications");
                WssConnection aliceAgain = Users.connect("alice", "notifications");
                WssConnection bob = Users.connect("bob", "notifications")) {
            assertEquals(Users.principal("alice"), ready(alice).getString("you"));
            ready(aliceAgain);
            ready(bob);
            String id = Users.publish(toUser("alice", "for alice"));
            for (WssConnection session : List.of(alice, aliceAgain)) {
                JsonObject note = Users.nextOfType(session, "notification");
                assertEquals(id, note.getString("id"));
                assertEquals("for alice", note.getString("title"));
                assertEquals(Users.principal("alice"), note.getString("user"));
            }
            // positive control for bob: his next notification is his own, so alice's never came to him
            Users.publish(toUser("bob", "for bob"));
            assertEquals("for bob", Users.nextOfType(bob, "notification").getString("title"));
        }
    }

    @Test
    void aNotificationForARoleReachesTheUsersWithThatRole() throws Exception {
        try (WssConnection alice = Users.connect("alice", "notifications");
                WssConnection bob = Users.connect("bob", "notifications");
                WssConnection carol = Users.connect("carol", "notifications")) {
            ready(alice);
            ready(bob);
            ready(carol);
            Users.publish("{\"role\":\"ops\",\"title\":\"disk full\",\"body\":\"node 7\"}");
            for (WssConnection ops : List.of(bob, carol)) {
                JsonObject note = Users.nextOfType(ops, "notification");
                assertEquals("disk full", note.getString("title"));
                assertEquals("ops", note.getString("role"));
                assertEquals("node 7", note.getString("body"));
            }
            Users.publish(toUser("alice", "alice is not ops"));
            assertEquals("alice is not ops", Users.nextOfType(alice, "notification").getString("title"));
        }
    }

    @Test
    void aNotificationForATopicReachesItsSubscribers() throws Exception {
        try (WssConnection alice = Users.connect("alice", "notifications");
                WssConnection bob = Users.connect("bob", "notifications")) {
            ready(alice);
            ready(bob);
            alice.sendText("{\"type\":\"subscribe\",\"topics\":[\"orders\",\"releases\"]}");
            assertEquals(List.of("orders", "releases"),
                    Users.nextOfType(alice, "subscribed").getJsonArray("topics").getValuesAs(JsonString.class)
                            .stream().map(JsonString::getString).toList());
            Users.publish("{\"topic\":\"orders\",\"title\":\"order 42 shipped\",\"data\":{\"order\":42}}");
            JsonObject note = Users.nextOfType(alice, "notification");
            assertEquals("orders", note.getString("topic"));
            assertEquals(42, note.getJsonObject("data").getInt("order"));
            Users.publish(toUser("bob", "bob did not subscribe"));
            assertEquals("bob did not subscribe", Users.nextOfType(bob, "notification").getString("title"));

            alice.sendText("{\"type\":\"unsubscribe\",\"topics\":[\"orders\"]}");
            Users.nextOfType(alice, "subscribed");
            Users.publish("{\"topic\":\"orders\",\"title\":\"order 43 shipped\"}");
            Users.publish(toUser("alice", "after unsubscribing"));
            assertEquals("after unsubscribing", Users.nextOfType(alice, "notification").getString("title"));
        }
    }

    @Test
    void portalCodePublishesByFiringACdiEvent() throws Exception {
        try (WssConnection bob = Users.connect("bob", "notifications")) {
            ready(bob);
            fire("bob", "from a CDI event", 1);
            JsonObject note = Users.nextOfType(bob, "notification");
            assertEquals("from a CDI event", note.getString("title"));
            assertEquals(Users.principal("bob"), note.getString("user"));
        }
    }

    @Test
    void aReconnectingClientReceivesWhatItMissedAfterItsLastSeenId() throws Exception {
        String lastSeen;
        try (WssConnection carol = Users.connect("carol", "notifications")) {
            ready(carol);
            Users.publish(toUser("carol", "seen"));
            lastSeen = Users.nextOfType(carol, "notification").getString("id");
        }
        String first = Users.publish(toUser("carol", "missed 1"));
        String second = Users.publish(toUser("carol", "missed 2"));
        try (WssConnection carol = Users.connect("carol", "notifications?lastSeenId=" + lastSeen)) {
            ready(carol);
            JsonObject one = Users.next(carol);
            JsonObject two = Users.next(carol);
            assertEquals(List.of(first, second), List.of(one.getString("id"), two.getString("id")),
                    "the missed ones, in order, and no 'missed' notice: nothing was lost");
            assertEquals("missed 1", one.getString("title"));
        }
    }

    @Test
    void theLastIdOfReadyResumesAClientThatHadReceivedNothing() throws Exception {
        String lastId;
        try (WssConnection dave = Users.connectWithTicket(ticketFor("CN=dave,O=pqws dev"), "notifications")) {
            lastId = ready(dave).getString("lastId");
        }
        Users.publish(toUserName("CN=dave,O=pqws dev", "while away"));
        try (WssConnection dave = Users.connectWithTicket(ticketFor("CN=dave,O=pqws dev"),
                "notifications?lastSeenId=" + lastId)) {
            ready(dave);
            assertEquals("while away", Users.next(dave).getString("title"));
        }
    }

    @Test
    void aBacklogOverflowIsAnnouncedBeforeTheKeptNotifications() throws Exception {
        String lastSeen;
        try (WssConnection bob = Users.connect("bob", "notifications")) {
            ready(bob);
            Users.publish(toUser("bob", "seen"));
            lastSeen = Users.nextOfType(bob, "notification").getString("id");
        }
        fire("bob", "burst", 105); // the default backlog keeps 100
        try (WssConnection bob = Users.connect("bob", "notifications?lastSeenId=" + lastSeen)) {
            ready(bob);
            JsonObject missed = Users.next(bob);
            assertEquals("missed", missed.getString("type"), missed.toString());
            assertEquals("backlog-overflow", missed.getString("reason"));
            assertEquals(lastSeen, missed.getString("after"));
            for (int i = 6; i <= 105; i++) {
                assertEquals("burst " + i, Users.next(bob).getString("title"), "the newest 100, oldest first");
            }
        }
    }

    @Test
    void anIdFromAnotherServerRunIsAnnouncedAsUnknownAndABadIdIsRefused() throws Exception {
        try (WssConnection carol = Users.connect("carol", "notifications?lastSeenId=abc123-5")) {
            ready(carol);
            JsonObject missed = Users.next(carol);
            assertEquals("missed", missed.getString("type"));
            assertEquals("unknown-id", missed.getString("reason"));
        }
        try (WssConnection carol = Users.connect("carol", "notifications?lastSeenId=yesterday")) {
            CloseStatus closed = carol.awaitClose(WAIT).orElseThrow();
            assertEquals(1008, closed.code());
            assertEquals("lastSeenId is not a notification id (run-sequence)", closed.reason());
        }
    }

    @Test
    void badCommandsAreClosedWith1007Or1003() throws Exception {
        for (String[] bad : new String[][] {
                {"{\"type\":\"subscribe\",\"topics\":\"orders\"}", "1007"},
                {"{\"type\":\"subscribe\",\"topics\":[\"../etc\"]}", "1007"},
                {"not json", "1007"},
                {"{\"type\":\"publish\",\"title\":\"x\"}", "1003"}}) {
            try (WssConnection alice = Users.connect("alice", "notifications")) {
                ready(alice);
                alice.sendText(bad[0]);
                CloseStatus closed = alice.awaitClose(WAIT).orElseThrow();
                assertEquals(Integer.parseInt(bad[1]), closed.code(), bad[0] + " -> " + closed);
                assertFalse(closed.reason().isEmpty());
            }
        }
    }

    private static JsonObject ready(WssConnection connection) throws Exception {
        JsonObject ready = Users.next(connection);
        assertEquals("ready", ready.getString("type"), ready.toString());
        return ready;
    }

    private static String toUser(String user, String title) {
        return toUserName(Users.principal(user), title);
    }

    private static String toUserName(String name, String title) {
        return Json.createObjectBuilder().add("user", name).add("title", title).build().toString();
    }

    private static String ticketFor(String user) throws Exception {
        HttpResponse<String> response = Users.post("portal", "api/tickets",
                Json.createObjectBuilder().add("user", user).build().toString());
        assertEquals(200, response.statusCode(), response.body());
        return Users.json(response.body()).getString("ticket");
    }

    private static void fire(String user, String title, int count) throws Exception {
        HttpResponse<String> response = Users.post(null, "api/test-portal/fire?user="
                + URLEncoder.encode(Users.principal(user), StandardCharsets.UTF_8) + "&title="
                + URLEncoder.encode(title, StandardCharsets.UTF_8) + "&count=" + count, "");
        assertTrue(response.statusCode() == 204, response.statusCode() + " " + response.body());
    }
}
