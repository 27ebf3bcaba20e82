package io.pqws.cluster.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javax.naming.NameNotFoundException;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pqws.cluster.RecordingFollower;
import io.pqws.config.JmsSettings;
import jakarta.jms.Topic;

/**
 * The Jakarta Messaging engine on a real broker: an Apache ActiveMQ Artemis server embedded in this JVM, listening on
 * a loopback port chosen at run time, with two (or three) engines on connections of their own, as two instances
 * would have. Checks what {@code docs/scale-out.md} promises for {@code jms}: every entry reaches every instance, each
 * sender's order kept, numbers gap-free per instance; signals; presence, also for an instance that starts later; and
 * an instance that says goodbye or falls silent being forgotten.
 */
class JmsFanOutTest {

    private static final long WAIT_SECONDS = 30;
    private static final Duration HEARTBEAT = Duration.ofMillis(300);
    private static final String LOG = "chat.lobby";

    @TempDir
    Path data;

    private EmbeddedActiveMQ broker;
    private final List<ActiveMQConnectionFactory> factories = new ArrayList<>();
    private final List<JmsFanOut> engines = new ArrayList<>();
    private Topic topic;
    private int port;

    @BeforeEach
    void startBroker() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ConfigurationImpl configuration = new ConfigurationImpl();
        configuration.setName("pqws-test-" + port)
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
        configuration.setBrokerInstance(data.toFile());
        broker = new EmbeddedActiveMQ().setConfiguration(configuration);
        broker.start();
        topic = new ActiveMQTopic("pqws");
    }

    @AfterEach
    void stopBroker() throws Exception {
        engines.forEach(JmsFanOut::close);
        factories.forEach(ActiveMQConnectionFactory::close);
        broker.stop();
    }

    /** An engine on a connection factory of its own, as on another instance. */
    private JmsFanOut instance() {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
        factories.add(factory);
        JmsFanOut engine = new JmsFanOut(factory, topic, Thread::new, HEARTBEAT);
        engines.add(engine);
        return engine;
    }

    @Test
    void everyInstanceGetsEveryEntryInEachSendersOrderNumberedWithoutGaps() throws Exception {
        JmsFanOut one = instance();
        JmsFanOut two = instance();
        RecordingFollower onOne = new RecordingFollower();
        RecordingFollower onTwo = new RecordingFollower();
        one.follow(LOG, 50, onOne);
        two.follow(LOG, 50, onTwo);
        int each = 100;
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try {
            Future<List<Long>> fromOne = senders.submit(() -> appendAll(one, "a", each));
            Future<List<Long>> fromTwo = senders.submit(() -> appendAll(two, "b", each));
            List<Long> numbersOnOne = fromOne.get(WAIT_SECONDS, TimeUnit.SECONDS);
            fromTwo.get(WAIT_SECONDS, TimeUnit.SECONDS);
            for (RecordingFollower recorder : List.of(onOne, onTwo)) {
                List<String> a = new ArrayList<>();
                List<String> b = new ArrayList<>();
                for (int n = 1; n <= 2 * each; n++) {
                    String[] entry = recorder.next().split(":", 2);
                    assertEquals(n, Long.parseLong(entry[0]), "numbers on one instance are 1, 2, 3, ... without gaps");
                    (entry[1].startsWith("a") ? a : b).add(entry[1]);
                }
                assertEquals(sequence("a", each), a, "instance one's appends keep the order sent");
                assertEquals(sequence("b", each), b, "instance two's appends keep the order sent");
            }
            assertEquals(2 * each, numbersOnOne.size() + each);
            for (int i = 1; i < numbersOnOne.size(); i++) {
                assertTrue(numbersOnOne.get(i) > numbersOnOne.get(i - 1), "append returns increasing numbers");
            }
            assertTrue(onOne.entries.isEmpty() && onTwo.entries.isEmpty(), "nothing is delivered twice");
        } finally {
            senders.shutdownNow();
        }
        assertNotEquals(one.run(), two.run(), "numbers are per instance, so is the run");
    }

    @Test
    void appendReturnsTheNumberItsOwnInstanceGave() throws Exception {
        JmsFanOut one = instance();
        RecordingFollower onOne = new RecordingFollower();
        one.follow(LOG, 50, onOne);
        long number = one.append(LOG, "hello");
        assertEquals(number + ":hello", onOne.next());
        assertEquals(number + 1, one.append(LOG, "again"), "positive control: the next one follows");
    }

    @Test
    void aLogIsNumberedOnlyWhileFollowedOnThisInstance() throws Exception {
        JmsFanOut one = instance();
        JmsFanOut two = instance();
        RecordingFollower onTwo = new RecordingFollower();
        RecordingFollower barrier = new RecordingFollower();
        two.follow("chat.barrier", 50, barrier);
        two.follow(LOG, 50, onTwo).close();
        one.append(LOG, "while nobody follows on two");
        one.append("chat.barrier", "sent after it"); // the same producer: two has handled the first when it has this
        assertEquals("1:sent after it", barrier.next());
        RecordingFollower later = new RecordingFollower();
        two.follow(LOG, 50, later);
        one.append(LOG, "after");
        assertEquals("1:after", later.next(), "the topic keeps no history: a new follower starts at the next entry");
        assertTrue(onTwo.entries.isEmpty(), "a closed following gets nothing");
    }

    @Test
    void signalsReachTheOtherInstancesOnly() throws Exception {
        JmsFanOut one = instance();
        JmsFanOut two = instance();
        RecordingFollower onOne = new RecordingFollower();
        RecordingFollower onTwo = new RecordingFollower();
        one.follow(LOG, 50, onOne);
        two.follow(LOG, 50, onTwo);
        one.signal(LOG, "typing");
        two.signal(LOG, "from two");
        assertEquals("typing", onTwo.nextSignal());
        assertEquals("from two", onOne.nextSignal(), "positive control: the other way round");
        one.append(LOG, "barrier");
        assertEquals("1:barrier", onOne.next());
        assertTrue(onOne.signals.isEmpty(), "an instance does not get its own signals");
    }

    @Test
    void presenceIsSeenByTheOthersAlsoByAnInstanceThatStartsLater() throws Exception {
        JmsFanOut one = instance();
        JmsFanOut two = instance();
        RecordingFollower onTwo = new RecordingFollower();
        two.follow(LOG, 50, onTwo);
        one.present(LOG, "alice", true);
        one.signal(LOG, "after alice"); // the same producer: two has applied the presence when it has the signal
        assertEquals("after alice", onTwo.nextSignal());
        assertEquals(Set.of("alice"), two.presentElsewhere(LOG));
        assertEquals(Set.of(), one.presentElsewhere(LOG), "an instance's own users are not elsewhere");
        assertEquals(Set.of(), two.presentElsewhere("chat.other"));

        JmsFanOut three = instance();
        awaitTrue(() -> three.presentElsewhere(LOG).contains("alice"), "a later instance learns the presence");

        one.present(LOG, "alice", false);
        one.signal(LOG, "alice left");
        assertEquals("alice left", onTwo.nextSignal());
        assertEquals(Set.of(), two.presentElsewhere(LOG));
    }

    @Test
    void anInstanceThatLeavesOrFallsSilentIsForgottenWithItsPresence() throws Exception {
        JmsFanOut one = instance();
        JmsFanOut leaving = instance();
        JmsFanOut dying = instance();
        RecordingFollower onOne = new RecordingFollower();
        one.follow(LOG, 50, onOne);
        leaving.present(LOG, "bob", true);
        dying.present(LOG, "carol", true);
        awaitTrue(() -> one.presentElsewhere(LOG).equals(Set.of("bob", "carol")), "both are present elsewhere");

        leaving.close();
        // The latch may already have counted the presence announcements above, so the goodbye is awaited by its effect.
        awaitTrue(() -> one.presentElsewhere(LOG).equals(Set.of("carol")), "bob's goodbye is seen");
        assertTrue(onOne.peersChanged.await(WAIT_SECONDS, TimeUnit.SECONDS), "followers are told peers changed");

        RecordingFollower again = new RecordingFollower();
        one.follow(LOG, 50, again);
        factories.get(2).close(); // the dying instance's connections drop without a goodbye, as when its JVM dies
        awaitTrue(() -> one.presentElsewhere(LOG).isEmpty() && one.peers() == 0, "three silent heartbeats are seen");
        assertTrue(again.peersChanged.await(WAIT_SECONDS, TimeUnit.SECONDS), "followers are told peers changed");
    }

    @Test
    void theNamesAreLookedUpAndAWrongOneFailsWithTheSettingToFix() throws Exception {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
        factories.add(factory);
        Map<String, Object> jndi = Map.of("java:/ConnectionFactory", factory, "java:/jms/topic/pqws", topic,
                "java:/jms/queue/other", factory, JmsTopic.THREAD_FACTORY, (ThreadFactory) Thread::new);
        JmsTopic.Naming naming = name -> {
            Object found = jndi.get(name);
            if (found == null) {
                throw new NameNotFoundException(name);
            }
            return found;
        };
        JmsFanOut found = JmsTopic.fanOut(new JmsSettings("java:/ConnectionFactory", "java:/jms/topic/pqws"), naming,
                HEARTBEAT);
        engines.add(found);
        RecordingFollower recorder = new RecordingFollower();
        found.follow(LOG, 50, recorder);
        assertEquals(1, found.append(LOG, "found"), "positive control: the engine on the names works");
        assertEquals("1:found", recorder.next());

        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> JmsTopic.fanOut(
                new JmsSettings("java:/NoSuchFactory", "java:/jms/topic/pqws"), naming, HEARTBEAT));
        assertEquals("pqws.fanout=jms, but JNDI name java:/NoSuchFactory (pqws.fanout.jms.connection-factory) does not "
                + "resolve in this container: NameNotFoundException (WildFly: run standalone-full.xml with the topic "
                + "defined; Payara Micro has no broker: use pqws.fanout=hazelcast there)", missing.getMessage());
        IllegalStateException wrongKind = assertThrows(IllegalStateException.class, () -> JmsTopic.fanOut(
                new JmsSettings("java:/ConnectionFactory", "java:/jms/queue/other"), naming, HEARTBEAT));
        assertEquals("pqws.fanout=jms, but JNDI name java:/jms/queue/other (pqws.fanout.jms.topic) holds a "
                + ActiveMQConnectionFactory.class.getName() + ", not a jakarta.jms.Topic", wrongKind.getMessage());
        IllegalStateException noJndi = assertThrows(IllegalStateException.class,
                () -> JmsTopic.fanOut(new JmsSettings("java:/ConnectionFactory", "java:/jms/topic/pqws")));
        assertTrue(noJndi.getMessage().startsWith("pqws.fanout=jms, but JNDI name java:/ConnectionFactory "),
                "outside a container: " + noJndi.getMessage());
    }

    @Test
    void anUnreachableBrokerFailsWithTheReason() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        ActiveMQConnectionFactory nowhere = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + closed);
        factories.add(nowhere);
        JmsTopic.Naming naming = name -> name.equals(JmsTopic.THREAD_FACTORY) ? (ThreadFactory) Thread::new
                : name.contains("topic") ? topic : nowhere;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> JmsTopic.fanOut(
                new JmsSettings("java:/ConnectionFactory", "java:/jms/topic/pqws"), naming, HEARTBEAT));
        assertTrue(e.getMessage().startsWith("pqws.fanout=jms, but the broker behind java:/ConnectionFactory cannot "
                + "be reached: "), e.getMessage());
    }

    private static List<Long> appendAll(JmsFanOut engine, String prefix, int count) {
        List<Long> numbers = new ArrayList<>();
        for (String text : sequence(prefix, count)) {
            numbers.add(engine.append(LOG, text));
        }
        return numbers;
    }

    private static List<String> sequence(String prefix, int count) {
        List<String> texts = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            texts.add(prefix + i);
        }
        return texts;
    }

    /** Waits, boundedly, for something another instance's messages bring about. */
    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        BlockingQueue<Object> never = new LinkedBlockingQueue<>();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what + ": not within " + WAIT_SECONDS + " s");
            never.poll(20, TimeUnit.MILLISECONDS);
        }
    }
}
