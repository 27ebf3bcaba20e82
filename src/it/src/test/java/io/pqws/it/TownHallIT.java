package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.HdrHistogram.Recorder;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.pqws.client.ClientTlsSettings;
import io.pqws.client.TlsProfile;
import io.pqws.load.ChatMember;
import io.pqws.load.LoadClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/**
 * A town-hall room: 1,000 members, each a different user with a ticket over hybrid wss, join one room of a Payara
 * Micro whose room size is raised to 1,000 ({@code pqws-it-town-hall.properties}, every other limit at its default).
 * Every join succeeds, the welcome of whoever joined last lists all 1,000 users, and the first member, which keeps
 * its list from its welcome and the presence changes that follow (folded together whenever it was behind), ends with
 * exactly the same 1,000. Behaviour only: how long it takes is measured by {@code pqws-client bench --cases fanout}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TownHallIT {

    private static final int MEMBERS = 1_000;
    private static final int JOINS_IN_FLIGHT = 32;
    private static final long WAIT_SECONDS = 180;

    @Deployment(testable = false)
    @TargetsContainer("payara-micro-town-hall")
    static WebArchive war() {
        return PqwsServer.builtWar();
    }

    @Test
    void aThousandMembersJoinOneRoomAndTheFirstKnowsThemAll() throws Exception {
        String run = Long.toString(Instant.now().getEpochSecond(), 36);
        String room = "chat/town-hall-" + run;
        ClientTlsSettings sessions = PqwsServer.client(TlsProfile.HYBRID);
        ClientTlsSettings issuer = sessions.withClientCertificate(PqwsServer.clientCertificate("portal"));
        Set<String> everyone = new TreeSet<>();
        for (int i = 0; i < MEMBERS; i++) {
            everyone.add(String.format("town-%s-%04d", run, i));
        }
        List<String> users = List.copyOf(everyone);
        Watcher first = new Watcher(MEMBERS);
        Recorder unused = new Recorder(3);
        List<ChatMember> others = new ArrayList<>();
        try (LoadClient client = new LoadClient(PqwsServer.https(""), sessions, issuer, 4)) {
            WebSocket firstSocket = client.open(room, users.get(0), first).get(WAIT_SECONDS, TimeUnit.SECONDS);
            try {
                assertEquals(Set.of(users.get(0)), first.welcome.get(WAIT_SECONDS, TimeUnit.SECONDS),
                        "positive control: alone in a new room");

                Semaphore inFlight = new Semaphore(JOINS_IN_FLIGHT);
                List<CompletableFuture<JsonObject>> welcomes = new ArrayList<>();
                for (String user : users.subList(1, MEMBERS)) {
                    ChatMember member = new ChatMember(user, unused);
                    others.add(member);
                    inFlight.acquire();
                    CompletableFuture<JsonObject> welcome = client.open(room, user, member)
                            .thenCompose(socket -> member.welcome());
                    welcome.whenComplete((ok, failure) -> inFlight.release());
                    welcomes.add(welcome);
                }
                CompletableFuture.allOf(welcomes.toArray(CompletableFuture[]::new)).get(WAIT_SECONDS, TimeUnit.SECONDS);

                // 32 joins are in flight, so the last one asked for is not always the last one in: the room takes
                // joins one at a time, and whoever came last is told everyone
                List<String> lastWelcome = List.of();
                for (CompletableFuture<JsonObject> welcome : welcomes) {
                    List<String> told = welcome.get().getJsonArray("members").getValuesAs(JsonString::getString);
                    lastWelcome = told.size() > lastWelcome.size() ? told : lastWelcome;
                }
                assertEquals(users, lastWelcome, "the last newcomer is told every user, sorted");
                assertEquals(everyone, first.everyone.get(WAIT_SECONDS, TimeUnit.SECONDS),
                        "the first member's list, from its welcome and the changes, is the room");
                assertTrue(first.presences.get() >= 1 && first.presences.get() <= MEMBERS - 1,
                        "at most one presence per join, fewer when folded: " + first.presences.get());
                System.out.printf("TownHallIT: %d members joined; the first got %d presence events for %d joins%n",
                        MEMBERS, first.presences.get(), MEMBERS - 1);
                assertTrue(others.stream().noneMatch(m -> m.ending().isDone()), "no member was closed");
            } finally {
                // while the client runs: its threads carry the closes
                leaveAndWaitUntilTheServerIsIdle(others, firstSocket);
            }
        }
    }

    /**
     * Closes every member, then waits (two minutes at most) until the server has no session left: 1,000 leaves keep
     * it busy for a while, and the next test class's container needs the same port once this one has stopped.
     */
    private static void leaveAndWaitUntilTheServerIsIdle(List<ChatMember> others, WebSocket first) throws Exception {
        first.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        CompletableFuture.allOf(others.stream().map(member -> member.close().thenCompose(sent -> member.ending()))
                .toArray(CompletableFuture[]::new)).orTimeout(120, TimeUnit.SECONDS).handle((ok, failure) -> null)
                .join();
        new OperatorHttp().metricsWhen(m -> m.sum("pqws_websocket_sessions_active") == 0, Duration.ofMinutes(2));
    }

    /** The first member: keeps the member list as a client must, from its welcome and every presence change. */
    private static final class Watcher implements WebSocket.Listener {
        private final int expected;
        private final Set<String> members = new TreeSet<>(); // the listener's thread only: one message at a time
        private final StringBuilder partial = new StringBuilder();
        final AtomicInteger presences = new AtomicInteger();
        final CompletableFuture<Set<String>> welcome = new CompletableFuture<>();
        final CompletableFuture<Set<String>> everyone = new CompletableFuture<>();

        Watcher(int expected) {
            this.expected = expected;
        }

        @Override
        public void onOpen(WebSocket socket) {
            socket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonObject event = Json.createReader(new StringReader(partial.toString())).readObject();
                partial.setLength(0);
                switch (event.getString("type")) {
                    case "welcome" -> {
                        members.addAll(event.getJsonArray("members").getValuesAs(JsonString::getString));
                        welcome.complete(Set.copyOf(members));
                    }
                    case "presence" -> {
                        presences.incrementAndGet();
                        event.getJsonArray("left").getValuesAs(JsonString::getString).forEach(members::remove);
                        members.addAll(event.getJsonArray("joined").getValuesAs(JsonString::getString));
                    }
                    default -> {
                        // messages and typing do not change who is there
                    }
                }
                if (members.size() == expected) {
                    everyone.complete(new TreeSet<>(members));
                }
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
            everyone.completeExceptionally(new AssertionError("the first member was closed: " + code + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            everyone.completeExceptionally(error);
        }
    }
}
