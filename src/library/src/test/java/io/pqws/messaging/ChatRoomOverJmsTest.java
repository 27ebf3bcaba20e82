package io.pqws.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pqws.cluster.FanOuts;
import io.pqws.cluster.jms.JmsFanOut;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/**
 * One room on two instances joined by the {@code jms} engine on a real Artemis broker embedded in this JVM: what a
 * client sees, as {@code docs/scale-out.md} promises it for {@code jms}: every message on both instances, each
 * sender's in the order sent, {@code seq} gap-free on each instance, presence across instances (a departure announced
 * once, by whatever notices it first), and the history a later member gets being what its own instance received.
 */
class ChatRoomOverJmsTest {

    private static final long WAIT_SECONDS = RecordingClient.WAIT_SECONDS;

    @TempDir
    Path data;

    private EmbeddedActiveMQ broker;
    private final List<ActiveMQConnectionFactory> factories = new ArrayList<>();
    private final List<JmsFanOut> engines = new ArrayList<>();
    private final List<ChatMember> tooSlow = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ConfigurationImpl configuration = new ConfigurationImpl();
        configuration.setName("pqws-chat-test-" + port).setPersistenceEnabled(false).setSecurityEnabled(false)
                .setJMXManagementEnabled(false).addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
        configuration.setBrokerInstance(data.toFile());
        broker = new EmbeddedActiveMQ().setConfiguration(configuration);
        broker.start();
        for (int i = 0; i < 2; i++) {
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
            factories.add(factory);
            engines.add(new JmsFanOut(factory, new ActiveMQTopic("pqws"), Thread::new, Duration.ofSeconds(1)));
        }
    }

    @AfterEach
    void stop() throws Exception {
        engines.forEach(JmsFanOut::close);
        factories.forEach(ActiveMQConnectionFactory::close);
        broker.stop();
    }

    /** Polls until the condition holds (engines learn of each other asynchronously) or fails with the message. */
    private static void await(java.util.function.BooleanSupplier condition, String message) throws Exception {
        BlockingQueue<Object> never = new LinkedBlockingQueue<>();
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS); !condition.getAsBoolean();) {
            assertTrue(System.nanoTime() < end, message);
            never.poll(20, TimeUnit.MILLISECONDS);
        }
    }

    private static List<String> texts(List<JsonObject> messages, String prefix) {
        return messages.stream().map(m -> m.getString("text")).filter(t -> t.startsWith(prefix)).toList();
    }

    @Test
    void bothInstancesSeeEveryMessageInEachSendersOrderNumberedWithoutGapsHere() throws Exception {
        Clock clock = Clock.systemUTC();
        ChatRoom onOne = ChatRoom.open("lobby", 50, 10, clock, engines.get(0), tooSlow::add);
        ChatRoom onTwo = ChatRoom.open("lobby", 50, 10, clock, engines.get(1), tooSlow::add);
        RecordingClient aliceClient = new RecordingClient("a");
        ChatMember alice = new ChatMember("alice", new Outbox(aliceClient.session, 100));
        onOne.join(alice);
        aliceClient.next("welcome");
        await(() -> engines.get(1).presentElsewhere(FanOuts.chatLog("lobby")).contains("alice"),
                "alice's presence did not reach instance two");
        RecordingClient bobClient = new RecordingClient("b");
        ChatMember bob = new ChatMember("bob", new Outbox(bobClient.session, 100));
        onTwo.join(bob);
        JsonObject welcome = bobClient.next("welcome");
        assertEquals(List.of("alice", "bob"), welcome.getJsonArray("members").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList(), "alice, on instance one, is a member for bob on two");
        assertEquals(List.of("bob"), Presences.users(aliceClient.next("presence"), "joined"),
                "and alice is told bob joined");

        ExecutorService senders = Executors.newFixedThreadPool(2);
        try {
            Future<?> a = senders.submit(() -> List.of("a1", "a2", "a3").forEach(t -> onOne.say(alice, t)));
            Future<?> b = senders.submit(() -> List.of("b1", "b2").forEach(t -> onTwo.say(bob, t)));
            a.get(WAIT_SECONDS, TimeUnit.SECONDS);
            b.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } finally {
            senders.shutdownNow();
        }
        List<JsonObject> seenByBob = new ArrayList<>();
        for (RecordingClient client : List.of(aliceClient, bobClient)) {
            List<JsonObject> messages = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                messages.add(client.next("message"));
            }
            assertEquals(List.of(1, 2, 3, 4, 5), messages.stream().map(m -> m.getInt("seq")).toList(),
                    "seq is gap-free on each instance");
            assertEquals(List.of("a1", "a2", "a3"), texts(messages, "a"), "alice's order");
            assertEquals(List.of("b1", "b2"), texts(messages, "b"), "bob's order");
            seenByBob = messages;
        }

        RecordingClient carolClient = new RecordingClient("c");
        onTwo.join(new ChatMember("carol", new Outbox(carolClient.session, 100)));
        List<String> history = carolClient.next("welcome").getJsonArray("history").stream()
                .map(v -> v.asJsonObject().getString("text")).toList();
        assertEquals(seenByBob.stream().map(m -> m.getString("text")).toList(), history,
                "a later member on instance two gets what instance two received, in its order");
        assertTrue(tooSlow.isEmpty());
    }

    /**
     * When an instance is lost, its users' presence goes before the survivors hear of the loss, and a join can
     * come in between (in ScaleOutIT: a follower reconnecting to the survivor). Whichever notices the departure first
     * announces it, to the members who were told of the user, once.
     */
    @Test
    void aDepartureIsAnnouncedOnceByWhateverNoticesItFirst() throws Exception {
        String log = FanOuts.chatLog("lobby");
        JmsFanOut lost = engines.get(0);
        ChatRoom onTwo = ChatRoom.open("lobby", 50, 10, Clock.systemUTC(), engines.get(1), tooSlow::add);
        lost.present(log, "alice", true);
        await(() -> engines.get(1).presentElsewhere(log).contains("alice"), "alice's presence did not reach two");
        RecordingClient bobClient = new RecordingClient("b");
        ChatMember bob = new ChatMember("bob", new Outbox(bobClient.session, 100));
        onTwo.join(bob);
        assertEquals(List.of("alice", "bob"), members(bobClient.next("welcome")));

        lost.present(log, "alice", false);
        await(() -> !engines.get(1).presentElsewhere(log).contains("alice"), "alice's presence did not go");
        RecordingClient carolClient = new RecordingClient("c");
        onTwo.join(new ChatMember("carol", new Outbox(carolClient.session, 100)));
        JsonObject gone = bobClient.next();
        assertEquals(List.of("alice"), Presences.users(gone, "left"), "the join noticed that alice is gone: " + gone);
        assertEquals(Set.of("type", "room", "joined", "left", "time"), gone.keySet(), "no member list");
        assertEquals(List.of("carol"), Presences.users(bobClient.next(), "joined"));
        JsonObject welcome = carolClient.received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(welcome);
        assertEquals("welcome", welcome.getString("type"), "a newcomer hears of nobody's departure before its welcome");
        assertEquals(List.of("bob", "carol"), members(welcome));

        onTwo.peersChanged();
        onTwo.signal(Json.createObjectBuilder().add("type", "presence").add("room", "lobby")
                .add("joined", Json.createArrayBuilder()).add("left", Json.createArrayBuilder().add("alice"))
                .add("time", "2026-01-01T00:00:00Z").build().toString());
        onTwo.say(bob, "after");
        JsonObject next = bobClient.received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(next);
        assertEquals("message", next.getString("type"),
                "neither the news of the loss nor alice's late goodbye announces her departure again: " + next);
        assertTrue(tooSlow.isEmpty());
    }

    /**
     * Each instance's members hear of each user's arrival and departure once, told here or relayed from the other
     * instance, however many sessions the user has on either; a goodbye ends the lost instance's users.
     */
    @Test
    void eachInstanceTellsItsMembersOfEveryArrivalAndDepartureOnce() throws Exception {
        JmsFanOut one = engines.get(0);
        new PresenceAcrossTwoInstances(one, engines.get(1), one::close).check();
    }

    private static List<String> members(JsonObject event) {
        return event.getJsonArray("members").getValuesAs(JsonString.class).stream().map(JsonString::getString)
                .toList();
    }
}
