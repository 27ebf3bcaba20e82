package io.pqws.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import io.pqws.client.ClientTlsSettings;
import io.pqws.client.KeyStores;
import io.pqws.client.TlsProfile;
import io.pqws.load.ChatMember;
import io.pqws.load.LoadClient;
import io.pqws.load.ServerHeap;

/**
 * Case 5: rooms of many members on the hybrid container, pqws's beside two baselines on the same container (the naive
 * loop a Jakarta developer writes, and the container's raw limit; {@link BaselineWar}): the time to join them, their
 * capacity fed as fast as the senders can with the server's CPU per delivery, and the latency of pqws's room and the
 * naive loop paced at half of pqws's capacity, measured by every member (sender-to-receiver, same JVM clock). Before
 * that, on the fresh server, the heap per idle chat session (after a full GC, minus the heap with none) at growing
 * session counts (the fan-out leaves buffers behind that would count against them). All sessions are hybrid wss from
 * one {@link LoadClient}; pqws's members are each a different user with a ticket.
 *
 * <p>Why a turn sends a fixed number of messages rather than for a fixed time: when the room cannot keep up, a
 * timed turn would leave a backlog that spills into the next turn; a fixed count is delivered completely (or
 * reported missing) before the next turn starts, so turns stay independent.
 */
final class FanoutCase {

    private static final int SENDERS = 10;
    private static final int IDLE_ROOM_SIZE = 100;
    private static final int JOINS_IN_FLIGHT = 32;
    private static final Duration DRAIN = Duration.ofSeconds(180);

    /** The rooms measured side by side on the same container, each with members of its own. */
    private enum Room {
        PQWS("pqws", "pqws", ChatMember.Dialect.SAY),
        NAIVE("naive", "naive loop", ChatMember.Dialect.SAY),
        RAW("raw", "raw limit", ChatMember.Dialect.MESSAGE);

        final String id;
        final String label;
        final ChatMember.Dialect dialect;

        Room(String id, String label, ChatMember.Dialect dialect) {
            this.id = id;
            this.label = label;
            this.dialect = dialect;
        }

        /** pqws's room with a ticket per member; the baselines anonymously, the member's name in the query. */
        CompletableFuture<WebSocket> open(LoadClient client, String room, ChatMember member) {
            if (this == PQWS) {
                return client.open("chat/" + room, member.user(), member);
            }
            return client.openAnonymous("../" + BaselineWar.CONTEXT_ROOT + "/" + id + "/" + room + "?user="
                    + member.user(), member);
        }
    }

    private FanoutCase() {
    }

    /** @param profileDir where JFR recordings of the max-rate turns go, or null for none ({@code --profile}) */
    static void run(BenchReport report, Servers servers, KeyStore trust, Path root, Plan plan, Path profileDir,
            Progress progress) throws Exception {
        PayaraServer server = servers.hybrid();
        ClientTlsSettings sessions = ClientTlsSettings.of(TlsProfile.HYBRID).withTrustStore(trust);
        ClientTlsSettings issuer = sessions.withClientCertificate(new ClientTlsSettings.ClientCertificate(
                pkcs12(root.resolve("certs/dev/client-alice.p12")), "changeit".toCharArray()));
        String run = Long.toString(Instant.now().getEpochSecond(), 36);
        URI base = URI.create("https://localhost:" + server.httpsPort() + "/pqws/");
        try (LoadClient client = new LoadClient(base, sessions, issuer, 4)) {
            idleMemory(report, client, server, plan, run, progress); // first: the fan-out leaves buffers behind
            ServerProfile profile = profileDir == null ? null : new ServerProfile(server.pid(), profileDir);
            fanout(report, client, server, plan, run, profile, progress);
        }
    }

    private static void fanout(BenchReport report, LoadClient client, PayaraServer server, Plan plan, String run,
            ServerProfile profile, Progress progress) throws Exception {
        int size = plan.fanoutMembers();
        Section section = report.section("fanout", "Room fan-out: rooms of " + size + " members, "
                + plan.fanoutMessages() + " messages per turn from " + SENDERS + " of them, pqws beside a naive "
                + "loop and the container's raw limit (case 5)");
        Recorder latencies = new Recorder(Series.MAX_MICROS, 3);
        Map<Room, List<ChatMember>> members = new EnumMap<>(Room.class);
        try {
            for (Room room : Room.values()) {
                members.put(room, joinRoom(section, client, room, size, run, latencies, profile, progress));
            }
            Map<Room, Series> capacity = capacityRounds(section, server, plan, members, latencies, profile,
                    progress);
            if (profile != null) {
                breakdown(report, profile, size);
            }
            double pacedPerSecond = Math.max(1, capacity.get(Room.PQWS).summary().median() / 2 / size);
            pacedRounds(section, plan, members, latencies, pacedPerSecond, progress);
        } finally {
            members.values().forEach(FanoutCase::closeAll);
        }
        section.note("A turn ends when every member has every message (or after " + DRAIN.toSeconds()
                + " s); deliveries/s = messages × members / that time; server CPU per delivery = the container "
                + "process's CPU time during the turn / deliveries (everything the server did, GC and TLS "
                + "included). Latency: from the sender's send to a member's receipt, all members, same JVM clock. "
                + "The load client shares the machine's cores with the server.");
        section.note("The rooms: pqws's /chat/{room} (authenticated, ordered, limited, slow consumers closed); the "
                + "naive loop, what a Jakarta developer writes without pqws (JSON-P encode once, then "
                + "getAsyncRemote().sendText to every open session of the room); the raw limit, the same loop "
                + "relaying the sender's pre-encoded event unchanged (no parsing, no encoding), with Tyrus's "
                + "per-message idle-timeout task switched off as pqws does (the naive loop pays it). Both baselines "
                + "run in their own WAR on the same container (io.pqws.bench.baseline). Targets: pqws ≤ 20 µs of "
                + "server CPU per delivery, ≥ 0.8 × the naive loop's deliveries/s, p99 ≤ 100 ms at half of pqws's "
                + "capacity, " + size + " members joined in ≤ 10 s with none failing.");
        section.note("The containers run with the abuse limits raised (" + BenchSettings.describe() + ").");
    }

    /** Joins {@code size} members to one room of the kind; notes the time it took and any failures. */
    private static List<ChatMember> joinRoom(Section section, LoadClient client, Room room, int size, String run,
            Recorder latencies, ServerProfile profile, Progress progress) throws Exception {
        List<ChatMember> members = new ArrayList<>();
        String roomName = "fanout-" + run;
        long start = System.nanoTime();
        ServerProfile.Work<Integer> joining = () -> join(members, size,
                i -> new ChatMember(room.id + "-" + run + "-" + i, room.dialect, latencies),
                (i, member) -> room.open(client, roomName, member));
        int failed = profile == null || room == Room.RAW ? joining.run()
                : profile.record("join-" + room.id + "-1", joining);
        double seconds = (System.nanoTime() - start) / 1e9;
        Series join = section.series("join " + size + " members: " + room.label, "s");
        join.add(seconds);
        join.fact("failed joins", Integer.toString(failed));
        progress.say(String.format(Locale.ROOT, "fanout: %d members joined the %s room in %.1f s, %d failed",
                size, room.id, seconds, failed));
        if (failed > 0) {
            section.note(failed + " of " + size + " members could not join the " + room.label + " room (first "
                    + "failure in the progress output); its figures are for the others.");
        }
        return members;
    }

    /** Every room fed as fast as its senders can, in interleaved rounds: the capacity, with its CPU per delivery. */
    private static Map<Room, Series> capacityRounds(Section section, PayaraServer server, Plan plan,
            Map<Room, List<ChatMember>> members, Recorder latencies, ServerProfile profile, Progress progress)
            throws Exception {
        Map<Room, Series> deliveries = new EnumMap<>(Room.class);
        Map<Room, Series> cpu = new EnumMap<>(Room.class);
        for (Room room : Room.values()) {
            deliveries.put(room, section.series("max rate: " + room.label, "deliveries/s"));
            cpu.put(room, section.series("server CPU per delivery: " + room.label, "µs"));
        }
        Interleaving.rounds(plan.fanoutRounds(), List.of(Room.values()), (round, room) -> {
            Turn turn = profile == null || room == Room.RAW ? turn(server, plan, members.get(room), latencies, 0)
                    : profile.record("fanout-" + room.id + "-" + (round + 1),
                            () -> turn(server, plan, members.get(room), latencies, 0));
            Series series = deliveries.get(room);
            series.add(turn.deliveriesPerSecond());
            series.addLatencies(turn.latencies());
            cpu.get(room).add(turn.cpuMicrosPerDelivery());
            turn.facts(series);
            progress.say(String.format(Locale.ROOT, "fanout round %d: %-5s max rate %9.0f deliveries/s, %5.1f µs "
                    + "server CPU each, %d missing, %d closed", round + 1, room.id, turn.deliveriesPerSecond(),
                    turn.cpuMicrosPerDelivery(), turn.missing(), turn.closed()));
        });
        section.ratio(Ratio.of("pqws / naive loop, deliveries/s", deliveries.get(Room.PQWS),
                deliveries.get(Room.NAIVE), 0.8, true));
        section.ratio(Ratio.of("pqws / raw limit, deliveries/s", deliveries.get(Room.PQWS), deliveries.get(Room.RAW),
                Double.NaN, true));
        section.ratio(Ratio.of("pqws / naive loop, server CPU per delivery", cpu.get(Room.PQWS),
                cpu.get(Room.NAIVE), Double.NaN, false));
        return deliveries;
    }

    /** Where the server's CPU went in the recorded max-rate turns of pqws and the naive loop ({@link JfrBreakdown}). */
    private static void breakdown(BenchReport report, ServerProfile profile, int size) throws IOException {
        Section section = report.section("fanout-profile", "Where the server's CPU goes while " + size
                + " members join a room, and in a max-rate fan-out into them: JFR execution samples by category "
                + "(case 5, --profile)");
        for (String stretch : List.of("fanout", "join")) {
            for (Room room : List.of(Room.PQWS, Room.NAIVE)) {
                Map<String, Long> samples = JfrBreakdown.folded(JfrBreakdown.of(
                        profile.recordings(stretch + "-" + room.id + "-")), 0.01);
                long total = samples.values().stream().mapToLong(Long::longValue).sum();
                samples.forEach((category, count) -> {
                    Series share = section.series(stretch + ", " + room.label + ": " + category, "% of samples");
                    share.add(100.0 * count / total);
                    share.fact("samples", count + " of " + total);
                });
            }
        }
        section.note("Each sample goes to the first frame, from the running one towards the thread's start, that "
                + "belongs to a category; the JDK's generic classes (collections, locks, reflection) are passed over, "
                + "so their time counts for their caller. The recordings (JDK 'profile' settings) are in the "
                + "results directory: open them with JDK Mission Control or 'jfr print'.");
    }

    /**
     * Every room paced at half of pqws's measured capacity: the latency a portal would see, beside the latency of the
     * naive loop and of the container's raw limit at the same rate.
     */
    private static void pacedRounds(Section section, Plan plan, Map<Room, List<ChatMember>> members,
            Recorder latencies, double perSecond, Progress progress) throws Exception {
        List<Room> paced = List.of(Room.values());
        Map<Room, Series> deliveries = new EnumMap<>(Room.class);
        for (Room room : paced) {
            deliveries.put(room, section.series(String.format(Locale.ROOT, "paced %.0f msg/s (half of pqws's "
                    + "capacity): %s", perSecond, room.label), "deliveries/s"));
        }
        Interleaving.rounds(plan.fanoutRounds(), paced, (round, room) -> {
            Turn turn = turn(null, plan, members.get(room), latencies, perSecond);
            Series series = deliveries.get(room);
            series.add(turn.deliveriesPerSecond());
            series.addLatencies(turn.latencies());
            turn.facts(series);
            progress.say(String.format(Locale.ROOT, "fanout round %d: %-5s paced %.0f msg/s, p99 %d ms, %d missing",
                    round + 1, room.id, perSecond, turn.latencies().getValueAtPercentile(99) / 1000,
                    turn.missing()));
        });
    }

    /** What one turn measured. */
    private record Turn(double deliveriesPerSecond, double cpuMicrosPerDelivery, Histogram latencies, long missing,
            long closed) {

        void facts(Series series) {
            if (missing > 0) {
                series.fact("missing after " + DRAIN.toSeconds() + " s", Long.toString(missing));
            }
            series.fact("members closed by the server", Long.toString(closed));
        }
    }

    /**
     * Feeds the room {@code plan.fanoutMessages()} messages from its senders ({@code perSecond} in total, 0 for as
     * fast as they can) and waits until every member has them all.
     *
     * @param server the container whose CPU is measured, or null for none
     */
    private static Turn turn(PayaraServer server, Plan plan, List<ChatMember> members, Recorder latencies,
            double perSecond) throws Exception {
        List<ChatMember> joined = members.stream().filter(FanoutCase::joined).toList();
        List<ChatMember> senders = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            senders.add(joined.get(i * joined.size() / SENDERS));
        }
        latencies.reset();
        long start = System.nanoTime();
        long serverCpu = server == null ? 0 : server.cpuNanos();
        feed(senders, perSecond, plan.fanoutMessages());
        long missing = awaitDeliveries(members);
        double seconds = (System.nanoTime() - start) / 1e9;
        long delivered = (long) plan.fanoutMessages() * joined.size() - missing;
        double cpuMicros = server == null ? Double.NaN
                : (server.cpuNanos() - serverCpu) / 1e3 / Math.max(1, delivered);
        long closed = joined.stream().filter(m -> m.ending().isDone()).count();
        return new Turn(delivered / seconds, cpuMicros, latencies.getIntervalHistogram(), missing, closed);
    }

    private static void idleMemory(BenchReport report, LoadClient client, PayaraServer server, Plan plan,
            String run, Progress progress) throws Exception {
        long baseline = ServerHeap.usedAfterFullGc(server.pid());
        long previousHeap = baseline;
        long previousOpen = 0;
        Section section = report.section("idle-memory", "Server heap per idle chat session (case 5)");
        List<ChatMember> members = new ArrayList<>();
        Recorder unused = new Recorder(Series.MAX_MICROS, 3);
        try {
            for (int count : plan.idleSessions()) {
                int from = members.size();
                int failed = join(members, count - from, i -> new ChatMember("idle-" + run + "-" + (from + i), unused),
                        (i, member) -> client.open("chat/idle-" + run + "-" + (from + i) / IDLE_ROOM_SIZE,
                                member.user(), member));
                long open = members.stream().filter(m -> joined(m) && !m.ending().isDone()).count();
                if (failed > 0) {
                    section.note(failed + " sessions could not join on the way to " + count + "; the heap is divided "
                            + "by the " + open + " open ones.");
                }
                long heap = ServerHeap.usedAfterFullGc(server.pid());
                double kib = (heap - baseline) / 1024.0 / open;
                Series perSession = section.series("heap per idle session, " + count + " sessions", "KiB/session");
                perSession.add(kib);
                perSession.fact("at " + open + " sessions", String.format(Locale.ROOT, "%.1f KiB (heap %.1f MiB, "
                        + "%.1f MiB with none; %.1f KiB each since the previous count)", kib, heap / 1048576.0,
                        baseline / 1048576.0, (heap - previousHeap) / 1024.0 / Math.max(1, open - previousOpen)));
                previousHeap = heap;
                previousOpen = open;
                progress.say(String.format(Locale.ROOT, "idle memory: %d sessions, heap %.1f MiB, %.1f KiB each",
                        open, heap / 1048576.0, kib));
            }
        } finally {
            closeAll(members);
        }
        section.note("Chat members in rooms of " + IDLE_ROOM_SIZE + ", joined and silent; heap after a full GC "
                + "(jcmd GC.run, GC.heap_info) minus the heap after a full GC before any session, divided by the "
                + "open sessions; one measurement per session count. Target: ≤ 64 KiB per idle session.");
    }

    /** How the {@code i}-th member of a join opens its session. */
    private interface Opening {
        CompletableFuture<WebSocket> open(int i, ChatMember member);
    }

    /** Opens and joins {@code count} more members; returns how many failed to join within the wait. */
    private static int join(List<ChatMember> members, int count, IntFunction<ChatMember> create, Opening opening)
            throws Exception {
        Semaphore inFlight = new Semaphore(JOINS_IN_FLIGHT);
        List<CompletableFuture<?>> joined = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ChatMember member = create.apply(i);
            members.add(member);
            inFlight.acquire();
            CompletableFuture<?> welcome = opening.open(i, member).thenCompose(socket -> member.welcome());
            welcome.whenComplete((ok, failure) -> inFlight.release());
            joined.add(welcome);
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(joined.toArray(CompletableFuture[]::new));
        all.handle((ok, failure) -> null).completeOnTimeout(null, 60 + count / 5, TimeUnit.SECONDS).join();
        int failed = 0;
        for (CompletableFuture<?> welcome : joined) {
            if (!welcome.isDone() || welcome.isCompletedExceptionally()) {
                if (failed++ == 0) {
                    System.err.println("bench: a member failed to join: "
                            + welcome.handle((ok, failure) -> String.valueOf(failure)).getNow("no welcome in time"));
                }
            }
        }
        return failed;
    }

    /** Sends {@code messages} from the senders, paced ({@code perSecond} in all) or at once (0); returns when sent. */
    private static void feed(List<ChatMember> senders, double perSecond, int messages) throws Exception {
        int each = messages / senders.size();
        if (perSecond == 0) {
            for (int n = 0; n < each; n++) {
                for (ChatMember sender : senders) {
                    sender.sendNext();
                }
            }
        } else {
            ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
            try {
                long period = (long) (TimeUnit.SECONDS.toNanos(1) * senders.size() / perSecond);
                int[] sent = {0};
                CompletableFuture<Void> done = new CompletableFuture<>();
                ScheduledFuture<?> ticks = pacer.scheduleAtFixedRate(() -> {
                    senders.forEach(ChatMember::sendNext);
                    if (++sent[0] == each) {
                        done.complete(null);
                    }
                }, 0, period, TimeUnit.NANOSECONDS);
                done.get(each * period / 1_000_000_000L + 60, TimeUnit.SECONDS);
                ticks.cancel(false);
            } finally {
                pacer.shutdownNow();
            }
        }
        CompletableFuture.allOf(senders.stream().map(ChatMember::sendsDone).toArray(CompletableFuture[]::new))
                .get(DRAIN.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Waits until every open member (one that joined and is still open) has every message sent so far; returns how
     * many are missing at the end.
     */
    private static long awaitDeliveries(List<ChatMember> members) {
        Map<String, Long> sent = new HashMap<>();
        for (ChatMember member : members) {
            if (member.sent() > 0) {
                sent.put(member.user(), member.sent());
            }
        }
        long deadline = System.nanoTime() + DRAIN.toNanos();
        long missing;
        do {
            missing = 0;
            for (ChatMember member : members) {
                if (joined(member) && !member.ending().isDone()) {
                    missing += member.ledger().verdict(sent).lost();
                }
            }
            if (missing > 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        } while (missing > 0 && System.nanoTime() < deadline);
        return missing;
    }

    private static boolean joined(ChatMember member) {
        return member.welcome().isDone() && !member.welcome().isCompletedExceptionally();
    }

    /**
     * Closes the members and waits (at most a minute) until the server has answered each close, so that what the
     * server does for them (leaving their rooms) is over before the next measurement starts.
     */
    private static void closeAll(List<ChatMember> members) {
        CompletableFuture.allOf(members.stream().map(member -> member.close().thenCompose(sent -> member.ending()))
                .toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).handle((ok, failure) -> null)
                .join();
    }

    private static KeyStore pkcs12(Path file) throws IOException {
        try {
            return KeyStores.readPkcs12(file, "changeit".toCharArray());
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot read " + file, e);
        }
    }
}
