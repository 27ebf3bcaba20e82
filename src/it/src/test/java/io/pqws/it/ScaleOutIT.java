package io.pqws.it;

import static io.pqws.it.ItEnvironment.freePort;
import static io.pqws.it.Users.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.hazelcast.instance.BuildInfoProvider;

import picocli.CommandLine;

import io.pqws.client.PqwsClient;
import io.pqws.client.ResumingFollower;
import io.pqws.client.WssClient;
import io.pqws.client.WssClientException;
import io.pqws.client.WssConnection;
import io.pqws.client.WsMessage;
import jakarta.json.JsonObject;

/**
 * Two Payara Micro 6 instances with the hybrid PQ profile and {@code pqws.fanout=hazelcast}, clustered by Payara's
 * own data grid on loopback only (a cluster name of this run, TCP/IP discovery of the two grid ports): chat order and
 * numbers across instances, notifications across instances and resumed on the other one, and the loss of an instance
 * (killed, not stopped) while clients on the survivor lose nothing and the lost one's clients resume there.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    private static final Duration GRID = Duration.ofSeconds(120);

    private static ClusterInstance one;
    private static ClusterInstance two;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        String cluster = "pqws-it-" + UUID.randomUUID();
        List<Integer> grid = List.of(freePort(), freePort());
        Path settings = Path.of(System.getProperty("pqws.it.resources"), "pqws-it-scale-out.properties");
        one = ClusterInstance.start("scale-out-1", cluster, grid.get(0), grid, settings);
        two = ClusterInstance.start("scale-out-2", cluster, grid.get(1), grid, settings);
        one.awaitReady();
        two.awaitReady();
        String engine = "pqws: fan-out engine hazelcast (run ";
        String runOfOne = runOf(one.awaitLine(engine, GRID));
        assertEquals(runOfOne, runOf(two.awaitLine(engine, GRID)),
                "the module runs on one data grid: both instances share its run (a map entry of the grid)");
    }

    @AfterAll
    static void stop() {
        if (one != null) {
            one.close();
        }
        if (two != null) {
            two.close();
        }
    }

    @Test
    @Order(0)
    void theHazelcastWeCompileAgainstIsTheOnePayaraBundles() throws Exception {
        String bundled;
        try (ZipFile micro = new ZipFile(System.getProperty("pqws.payara.micro.jar"));
                ZipInputStream jar = new ZipInputStream(micro.getInputStream(
                        micro.getEntry("MICRO-INF/runtime/hazelcast.jar")))) {
            bundled = null;
            for (ZipEntry entry = jar.getNextEntry(); entry != null; entry = jar.getNextEntry()) {
                if (entry.getName().equals("META-INF/maven/com.hazelcast/hazelcast/pom.properties")) {
                    Properties pom = new Properties();
                    pom.load(jar);
                    bundled = pom.getProperty("version");
                }
            }
        }
        String compiled = BuildInfoProvider.getBuildInfo().getVersion();
        assertNotNull(bundled, "Payara Micro bundles Hazelcast");
        assertTrue(bundled.startsWith(compiled), "Payara bundles Hazelcast " + bundled + ", pqws compiles against "
                + compiled + ": set hazelcast.version in pom.xml to match");
    }

    @Test
    @Order(1)
    void chatMessagesFromBothInstancesArriveInOneOrderWithGapFreeNumbers() throws Exception {
        String room = "scale-" + UUID.randomUUID().toString().substring(0, 8);
        try (WssConnection alice = connect(one, "alice", "chat/" + room);
                WssConnection bob = connect(two, "bob", "chat/" + room)) {
            Users.nextOfType(alice, "welcome");
            assertEquals(List.of(Users.principal("alice"), Users.principal("bob")),
                    Users.strings(Users.nextOfType(bob, "welcome"), "members"),
                    "bob is told alice is there, elsewhere");
            JsonObject presence = Users.nextOfType(alice, "presence");
            assertEquals(List.of(Users.principal("bob")), Users.strings(presence, "joined"),
                    "alice hears bob join elsewhere");
            assertEquals(List.of(), Users.strings(presence, "left"));
            assertEquals(Set.of("type", "room", "joined", "left", "time"), presence.keySet(),
                    "no member list: " + presence);
            for (int i = 0; i < 10; i++) {
                alice.sendText(ChatIT.say("a" + i));
                bob.sendText(ChatIT.say("b" + i));
            }
            List<JsonObject> seenByAlice = messages(alice, 20);
            List<JsonObject> seenByBob = messages(bob, 20);
            assertEquals(texts(seenByAlice), texts(seenByBob), "one order on both instances");
            long first = seenByAlice.get(0).getJsonNumber("seq").longValue();
            for (int i = 0; i < 20; i++) {
                assertEquals(first + i, seenByAlice.get(i).getJsonNumber("seq").longValue(), "gap-free numbers");
                assertEquals(first + i, seenByBob.get(i).getJsonNumber("seq").longValue(), "the same numbers");
            }
            assertEquals(1, first, "a new room starts at 1");
            for (String sender : List.of("a", "b")) {
                assertEquals(inOrder(sender), texts(seenByAlice).stream().filter(t -> t.startsWith(sender)).toList(),
                        "each sender's messages in the order sent");
            }
        }
    }

    @Test
    @Order(2)
    void notificationsReachAUserOnTheOtherInstanceAndResumeThere() throws Exception {
        String lastSeen;
        try (WssConnection carol = connect(two, "carol", "notifications")) {
            Users.nextOfType(carol, "ready");
            String id = publish(one, "{\"user\":\"CN=carol,O=pqws dev\",\"title\":\"across\"}");
            JsonObject note = Users.nextOfType(carol, "notification");
            assertEquals(id, note.getString("id"), "published on one, delivered on two, one id");
            carol.sendText("{\"type\":\"subscribe\",\"topics\":[\"orders\"]}");
            Users.nextOfType(carol, "subscribed");
            publish(one, "{\"topic\":\"orders\",\"title\":\"order 42\"}");
            note = Users.nextOfType(carol, "notification");
            assertEquals("orders", note.getString("topic"), "a subscription made on two counts on one");
            lastSeen = note.getString("id");
        }
        String first = publish(one, "{\"user\":\"CN=carol,O=pqws dev\",\"title\":\"missed 1\"}");
        String second = publish(two, "{\"user\":\"CN=carol,O=pqws dev\",\"title\":\"missed 2\"}");
        try (WssConnection carol = connect(one, "carol", "notifications?lastSeenId=" + lastSeen)) {
            Users.nextOfType(carol, "ready");
            JsonObject one1 = Users.next(carol);
            JsonObject two2 = Users.next(carol);
            assertEquals(List.of(first, second), List.of(one1.getString("id"), two2.getString("id")),
                    "resumed on the other instance: what was missed, in order, without a 'missed' notice");
        }
    }

    @Test
    @Order(3)
    void whenAnInstanceDiesTheSurvivorsClientsLoseNothingAndTheOthersResumeThere() throws Exception {
        String room = "survive-" + UUID.randomUUID().toString().substring(0, 8);
        BlockingQueue<JsonObject> portalRoom = new LinkedBlockingQueue<>();
        BlockingQueue<JsonObject> aliceNotes = new LinkedBlockingQueue<>();
        WssConnection alice = connect(one, "alice", "chat/" + room);
        try (WssConnection bob = connect(two, "bob", "chat/" + room);
                WssConnection carol = connect(two, "carol", "chat/" + room);
                ResumingFollower portalFollower = follower("portal", portalRoom, "chat/" + room)) {
            Thread cli = followWithTheCli("alice", aliceNotes, "notifications");
            Users.nextOfType(alice, "welcome");
            Users.nextOfType(bob, "welcome");
            Users.nextOfType(carol, "welcome");
            assertEquals("welcome", take(portalRoom, "welcome").getString("type"));
            take(aliceNotes, "ready");
            assertEquals(one.wss("chat/" + room), portalFollower.connectedTo(), "the followers start on instance 1");
            for (int i = 0; i < 3; i++) {
                bob.sendText(ChatIT.say("before" + i));
            }
            long aliceLastSeq = messages(alice, 3).get(2).getJsonNumber("seq").longValue();
            messages(carol, 3);
            for (int i = 0; i < 3; i++) {
                assertEquals("before" + i, take(portalRoom, "message").getString("text"));
            }

            one.kill();
            List<String> sentAfter = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                bob.sendText(ChatIT.say("after" + i));
                sentAfter.add("after" + i);
            }
            List<JsonObject> carolSaw = new ArrayList<>();
            JsonObject aliceLeft = null;
            List<JsonObject> carolSawAll = new ArrayList<>();
            while (carolSaw.size() < 5 || aliceLeft == null) {
                JsonObject event;
                try {
                    event = Users.json(((WsMessage.Text) carol.nextMessage(GRID)).text());
                } catch (WssClientException e) {
                    throw new AssertionError("after the loss of instance 1, carol (on 2) saw only " + carolSawAll
                            + " (see target/scale-out/scale-out-2.log)", e);
                }
                carolSawAll.add(event);
                if (event.getString("type").equals("message")) {
                    carolSaw.add(event);
                } else if (event.getString("type").equals("presence")
                        && Users.strings(event, "left").contains(Users.principal("alice"))) {
                    aliceLeft = event;
                }
            }
            assertEquals(sentAfter, texts(carolSaw), "the survivor's clients lose nothing");
            for (int i = 0; i < 5; i++) {
                assertEquals(aliceLastSeq + 1 + i, carolSaw.get(i).getJsonNumber("seq").longValue(),
                        "and the numbers go on without a gap");
            }
            assertEquals(List.of(Users.principal("alice")), Users.strings(aliceLeft, "left"),
                    "alice went with her instance, and only she: " + aliceLeft);
            assertEquals(List.of(), Users.strings(aliceLeft, "joined"), aliceLeft.toString());

            List<String> portalSaw = new ArrayList<>();
            while (portalSaw.size() < 5) {
                portalSaw.add(take(portalRoom, "message").getString("text"));
            }
            assertEquals(sentAfter, portalSaw, "the follower reconnected to instance 2 and resumed after its last "
                    + "seq: every message once, in order");
            assertEquals(two.wss("chat/" + room).getPort(), portalFollower.connectedTo().getPort());

            String whileAway = publish(two, "{\"user\":\"CN=alice,O=pqws dev\",\"title\":\"while away\"}");
            assertEquals(whileAway, take(aliceNotes, "notification").getString("id"),
                    "pqws-client follow reconnected alice's notifications to instance 2, from her last seen id");
            cli.interrupt();
            cli.join(WAIT.toMillis());
            alice.close();
            try (WssConnection aliceAgain = connect(two, "alice", "chat/" + room)) {
                JsonObject welcome = Users.nextOfType(aliceAgain, "welcome");
                List<String> resumed = welcome.getJsonArray("history").stream().map(JsonObject.class::cast)
                        .filter(m -> m.getJsonNumber("seq").longValue() > aliceLastSeq)
                        .map(m -> m.getString("text")).toList();
                assertEquals(sentAfter, resumed, "a client that reconnects itself resumes from the history");
            }
        } finally {
            alice.close();
        }
    }

    private static ResumingFollower follower(String user, BlockingQueue<JsonObject> sink, String path) {
        return new ResumingFollower(new WssClient(Users.withCertificate(user)), List.of(one.wss(path), two.wss(path)),
                WAIT, sink::add).start();
    }

    /** Runs {@code pqws-client follow} for the user on both instances, its output lines going to {@code sink}. */
    private static Thread followWithTheCli(String user, BlockingQueue<JsonObject> sink, String path) {
        Writer lines = new Writer() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void write(char[] buffer, int offset, int length) {
                for (int i = offset; i < offset + length; i++) {
                    if (buffer[i] == '\n') {
                        sink.add(Users.json(line.toString()));
                        line.setLength(0);
                    } else {
                        line.append(buffer[i]);
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Path certs = PqwsServer.certsDir();
        Thread cli = new Thread(() -> new CommandLine(new PqwsClient(InputStream.nullInputStream(), true))
                .setOut(new PrintWriter(lines, true)).execute("follow",
                        "--truststore", certs.resolve("truststore.p12").toString(),
                        "--cert", certs.resolve("client-" + user + ".p12").toString(),
                        one.wss(path).toString(), two.wss(path).toString()), "pqws-client-follow");
        cli.setDaemon(true);
        cli.start();
        return cli;
    }

    /** The next event of the type from a follower's queue, skipping others; fails after the grid's wait. */
    private static JsonObject take(BlockingQueue<JsonObject> events, String type) throws InterruptedException {
        List<JsonObject> skipped = new ArrayList<>();
        for (JsonObject event = events.poll(GRID.toSeconds(), TimeUnit.SECONDS); event != null;
                event = events.poll(GRID.toSeconds(), TimeUnit.SECONDS)) {
            if (event.getString("type").equals(type)) {
                return event;
            }
            skipped.add(event);
        }
        throw new AssertionError("no '" + type + "' within " + GRID + "; before that: " + skipped);
    }

    @Test
    @Order(4)
    void withoutTheDataGridTheModuleFailsToDeployAndSaysWhy() throws Exception {
        Path settings = Path.of(System.getProperty("pqws.it.resources"), "pqws-it-scale-out.properties");
        try (ClusterInstance lonely = ClusterInstance.startWithoutGrid("scale-out-no-grid", settings)) {
            // the two instances above, same WAR and settings, are the positive control
            lonely.assertModuleRefused("pqws.fanout=hazelcast, but this container has no Hazelcast data grid at JNDI "
                    + "name payara/Hazelcast");
        }
    }

    private static String runOf(String logLine) {
        assertNotNull(logLine, "the module started its fan-out engine");
        return logLine.substring(logLine.indexOf("(run ") + 5, logLine.indexOf(')', logLine.indexOf("(run ")));
    }

    private static WssConnection connect(ClusterInstance instance, String user, String path)
            throws WssClientException {
        return new WssClient(Users.withCertificate(user)).connect(instance.wss(path), WAIT);
    }

    /** Publishes as the portal back end through the given instance; returns the id. */
    private static String publish(ClusterInstance instance, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(instance.https("api/notifications")).timeout(WAIT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = Users.https("portal").send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), response.body());
        return Users.json(response.body()).getString("id");
    }

    private static List<JsonObject> messages(WssConnection connection, int count) throws WssClientException {
        List<JsonObject> messages = new ArrayList<>();
        while (messages.size() < count) {
            messages.add(Users.nextOfType(connection, "message"));
        }
        return messages;
    }

    private static List<String> texts(List<JsonObject> messages) {
        return messages.stream().map(m -> m.getString("text")).toList();
    }

    private static List<String> inOrder(String prefix) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            texts.add(prefix + i);
        }
        return texts;
    }

}
