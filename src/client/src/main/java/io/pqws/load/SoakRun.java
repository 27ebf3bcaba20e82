package io.pqws.load;

import java.io.IOException;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import jakarta.json.JsonObject;

/**
 * A soak: {@link SoakPlan#sessions()} chat members in rooms, each sending numbered messages at a steady pace for
 * the plan's duration, every receiver checking every sender's numbering; optionally one flooder in the first room
 * that the server's rate limit must stop without the others noticing. Shared by {@code pqws-client soak} and
 * {@code SoakIT}, so CI runs exactly what the documented long run runs.
 *
 * <p>Why the verdict waits for counts and not for time: after the members stop, the run waits (bounded) until every
 * receiver has as many messages as its room's members sent; a loss then shows as a count that never arrives, never
 * as a timing.
 */
public final class SoakRun {

    private static final Duration JOIN_WAIT = Duration.ofSeconds(60);
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(60);
    private static final int JOINS_IN_FLIGHT = 32;

    private final LoadClient client;
    private final SoakPlan plan;
    private final OptionalLong serverPid;
    private final Consumer<String> progress;

    /**
     * @param serverPid the server JVM on this machine, for heap figures; empty leaves them out
     * @param progress  receives one line per phase
     */
    public SoakRun(LoadClient client, SoakPlan plan, OptionalLong serverPid, Consumer<String> progress) {
        this.client = client;
        this.plan = plan;
        this.serverPid = serverPid;
        this.progress = progress;
    }

    public SoakResult run() throws Exception {
        long started = System.nanoTime();
        String negotiated = negotiated();
        progress.accept("soak " + plan.runId() + ": TLS " + negotiated);
        long heapBaseline = heap();
        Recorder latencies = new Recorder(60_000_000L, 3);
        List<ChatMember> members = new ArrayList<>();
        ChatMember flooder = null;
        ScheduledExecutorService pacer = Executors.newScheduledThreadPool(2, LoadClient.daemon("pqws-soak-pacer"));
        try {
            int opened = join(members, latencies);
            progress.accept("soak " + plan.runId() + ": " + opened + " of " + plan.sessions() + " sessions joined");
            long heapStart = heap();
            latencies.reset();
            List<ScheduledFuture<?>> senders = new ArrayList<>();
            long period = plan.interval().toNanos();
            for (ChatMember member : members) {
                senders.add(pacer.scheduleAtFixedRate(member::sendNext,
                        ThreadLocalRandom.current().nextLong(period), period, TimeUnit.NANOSECONDS));
            }
            if (plan.flood()) {
                flooder = new ChatMember("soak-" + plan.runId() + "-flood", latencies);
                client.open("chat/" + plan.room(0), flooder.user(), flooder).get(JOIN_WAIT.toSeconds(),
                        TimeUnit.SECONDS);
                flooder.welcome().get(JOIN_WAIT.toSeconds(), TimeUnit.SECONDS);
                progress.accept("soak " + plan.runId() + ": flooding room " + plan.room(0));
                for (int i = 0; i < SoakPlan.FLOOD_MESSAGES; i++) {
                    flooder.sendNext();
                }
            }
            Duration warmup = plan.duration().dividedBy(10);
            awaitEnd(warmup);
            long heapWarm = heap();
            awaitEnd(plan.duration().minus(warmup));
            senders.forEach(s -> s.cancel(false));
            pacer.shutdown();
            if (!pacer.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new TimeoutException("the pacer did not stop");
            }
            CompletableFuture.allOf(members.stream().map(ChatMember::sendsDone).toArray(CompletableFuture[]::new))
                    .get(DRAIN_WAIT.toSeconds(), TimeUnit.SECONDS);
            progress.accept("soak " + plan.runId() + ": sending stopped; waiting for every delivery");
            Map<Integer, Map<String, Long>> sentPerRoom = sentPerRoom(members);
            awaitDeliveries(members, sentPerRoom);
            long heapEnd = heap();
            return verdict(negotiated, opened, members, flooder, sentPerRoom, latencies.getIntervalHistogram(),
                    new SoakResult.Heap(heapBaseline, heapStart, heapWarm, heapEnd),
                    Duration.ofNanos(System.nanoTime() - started));
        } finally {
            pacer.shutdownNow();
            List<CompletableFuture<?>> closing = new ArrayList<>();
            members.forEach(m -> closing.add(m.close()));
            if (flooder != null) {
                closing.add(flooder.close());
            }
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS)
                    .handle((ok, failure) -> null).join();
        }
    }

    /** Opens and joins every member, a bounded number at a time; returns how many joined. */
    private int join(List<ChatMember> members, Recorder latencies) throws Exception {
        Semaphore inFlight = new Semaphore(JOINS_IN_FLIGHT);
        List<CompletableFuture<JsonObject>> joined = new ArrayList<>();
        for (int i = 0; i < plan.sessions(); i++) {
            ChatMember member = new ChatMember(plan.user(i), latencies);
            members.add(member);
            inFlight.acquire();
            CompletableFuture<JsonObject> welcome = client.open("chat/" + plan.room(i), member.user(), member)
                    .thenCompose(socket -> member.welcome());
            welcome.whenComplete((ok, failure) -> inFlight.release());
            joined.add(welcome);
        }
        CompletableFuture.allOf(joined.toArray(CompletableFuture[]::new)).handle((ok, failure) -> null)
                .get(JOIN_WAIT.toSeconds() + plan.sessions() / 10, TimeUnit.SECONDS);
        int opened = 0;
        Throwable firstFailure = null;
        for (CompletableFuture<JsonObject> welcome : joined) {
            if (welcome.isDone() && !welcome.isCompletedExceptionally()) {
                opened++;
            } else if (firstFailure == null) {
                firstFailure = welcome.handle((ok, failure) -> failure).getNow(null);
            }
        }
        if (firstFailure != null) {
            progress.accept("soak " + plan.runId() + ": a session failed to join: " + firstFailure);
        }
        return opened;
    }

    /** Per room: what each member sent (completed sends), the expectation of every receiver in that room. */
    private Map<Integer, Map<String, Long>> sentPerRoom(List<ChatMember> members) {
        Map<Integer, Map<String, Long>> rooms = new HashMap<>();
        for (int room = 0; room < plan.rooms(); room++) {
            rooms.put(room, sentBy(members, room));
        }
        return rooms;
    }

    private Map<String, Long> sentBy(List<ChatMember> members, int room) {
        Map<String, Long> sent = new HashMap<>();
        for (int i = room * plan.roomSize(); i < Math.min(members.size(), (room + 1) * plan.roomSize()); i++) {
            sent.put(members.get(i).user(), members.get(i).sent());
        }
        return sent;
    }

    /** Waits until every receiver counted what its room sent, or the drain time is over. */
    private void awaitDeliveries(List<ChatMember> members, Map<Integer, Map<String, Long>> sentPerRoom) {
        long deadline = System.nanoTime() + DRAIN_WAIT.toNanos();
        while (System.nanoTime() < deadline && missing(members, sentPerRoom) > 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    private long missing(List<ChatMember> members, Map<Integer, Map<String, Long>> sentPerRoom) {
        long missing = 0;
        for (int i = 0; i < members.size(); i++) {
            if (!members.get(i).ending().isDone()) {
                missing += members.get(i).ledger().verdict(sentPerRoom.get(i / plan.roomSize())).lost();
            }
        }
        return missing;
    }

    private SoakResult verdict(String negotiated, int opened, List<ChatMember> members, ChatMember flooder,
            Map<Integer, Map<String, Long>> sentPerRoom, Histogram latencies, SoakResult.Heap heap, Duration took) {
        DeliveryLedger.Verdict total = DeliveryLedger.Verdict.none();
        long sent = 0;
        long gaps = 0;
        int unexpected = 0;
        ChatMember.Ending firstUnexpected = null;
        for (int i = 0; i < members.size(); i++) {
            ChatMember member = members.get(i);
            sent += member.sent();
            gaps += member.roomGaps();
            total = total.plus(member.ledger().verdict(sentPerRoom.get(i / plan.roomSize())));
            if (member.ending().isDone()) {
                unexpected++;
                if (firstUnexpected == null) {
                    firstUnexpected = member.ending().join();
                }
            }
        }
        ChatMember.Ending floodEnding = null;
        long floodSent = -1;
        if (flooder != null) {
            floodSent = flooder.sent();
            floodEnding = flooder.ending().completeOnTimeout(null, DRAIN_WAIT.toSeconds(), TimeUnit.SECONDS).join();
        }
        return new SoakResult(plan, negotiated, opened, sent, total.received(), total, gaps, unexpected,
                firstUnexpected, floodSent, floodEnding, heap,
                latencies.getValueAtPercentile(50), latencies.getValueAtPercentile(99), latencies.getMaxValue(),
                took);
    }

    /** Waits for the run's duration: parks on a future that nothing completes, so the wait is bounded and exact. */
    private static void awaitEnd(Duration duration) throws Exception {
        try {
            new CompletableFuture<Void>().get(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException expected) {
            // the run's time is up
        }
    }

    /** The server's heap after a full GC, or -1 without a pid or when jcmd cannot attach (figures are optional). */
    private long heap() {
        if (serverPid.isEmpty()) {
            return -1;
        }
        try {
            return ServerHeap.usedAfterFullGc(serverPid.getAsLong());
        } catch (IOException e) {
            progress.accept("soak " + plan.runId() + ": no heap figure: " + e.getMessage());
            return -1;
        }
    }

    /** Protocol, cipher suite and group that the client negotiates, from the server's {@code /tls} report. */
    private String negotiated() throws Exception {
        CompletableFuture<String> report = new CompletableFuture<>();
        WebSocket socket = client.openAnonymous("tls", new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    JsonObject facts = LoadClient.json(text);
                    report.complete(facts.getString("protocol", "?") + " " + facts.getString("cipherSuite", "?")
                            + " " + facts.getString("namedGroup", "?"));
                }
                webSocket.request(1);
                return null;
            }
        }).get(JOIN_WAIT.toSeconds(), TimeUnit.SECONDS);
        try {
            return report.get(JOIN_WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }
}
