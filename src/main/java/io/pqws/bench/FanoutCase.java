package io.pqws.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

import org.HdrHistogram.Recorder;

import io.pqws.client.ClientTlsSettings;
import io.pqws.client.KeyStores;
import io.pqws.client.TlsProfile;
import io.pqws.load.ChatMember;
import io.pqws.load.LoadClient;
import io.pqws.load.ServerHeap;

/**
 * Case 5: one chat room of many members on the hybrid container, fed at a paced 10 and 1,000 messages per second and
 * as fast as the senders can, with deliveries per second and sender-to-receiver latency (same JVM clock) measured by
 * every member; before that, on the fresh server, the heap per idle chat session (after a full GC, minus the heap
 * with none) at growing session counts (the fan-out leaves buffers behind that would count against them). All sessions are hybrid wss from one {@link LoadClient}, each a different user with a ticket.
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

    /** A way of feeding the room: a total rate (messages per second) or 0 for as fast as the senders can. */
    private record Feed(String name, int perSecond) {
    }

    private FanoutCase() {
    }

    static void run(BenchReport report, Servers servers, KeyStore trust, Path root, Plan plan, Progress progress)
            throws Exception {
        PayaraServer server = servers.hybrid();
        ClientTlsSettings sessions = ClientTlsSettings.of(TlsProfile.HYBRID).withTrustStore(trust);
        ClientTlsSettings issuer = sessions.withClientCertificate(new ClientTlsSettings.ClientCertificate(
                pkcs12(root.resolve("certs/dev/client-alice.p12")), "changeit".toCharArray()));
        String run = Long.toString(Instant.now().getEpochSecond(), 36);
        URI base = URI.create("https://localhost:" + server.httpsPort() + "/pqws/");
        try (LoadClient client = new LoadClient(base, sessions, issuer, 4)) {
            idleMemory(report, client, server, plan, run, progress); // first: the fan-out leaves buffers behind
            fanout(report, client, server, plan, run, progress);
        }
    }

    private static void fanout(BenchReport report, LoadClient client, PayaraServer server, Plan plan, String run,
            Progress progress) throws Exception {
        int size = plan.fanoutMembers();
        Section section = report.section("fanout", "Room fan-out: one room of " + size + " members, "
                + plan.fanoutMessages() + " messages per turn from " + SENDERS + " of them (case 5)");
        Recorder latencies = new Recorder(Series.MAX_MICROS, 3);
        List<ChatMember> members = new ArrayList<>();
        long joinStart = System.nanoTime();
        int failed = join(client, members, size, i -> "fanout-" + run, i -> "fanout-" + run + "-" + i, latencies);
        double joinSeconds = (System.nanoTime() - joinStart) / 1e9;
        if (failed > 0) {
            section.note(failed + " of " + size + " members could not join (first failure in the progress output); "
                    + "the figures are for the others.");
        }
        progress.say(String.format(Locale.ROOT, "fanout: %d members joined one room in %.1f s", size, joinSeconds));
        section.note(String.format(Locale.ROOT, "Joining the %d members took %.1f s: each join sends the newcomer "
                + "the member list and every other member one presence change, O(members) bytes per join.", size,
                joinSeconds));
        List<ChatMember> joined = members.stream().filter(FanoutCase::joined).toList();
        List<ChatMember> senders = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            senders.add(joined.get(i * joined.size() / SENDERS));
        }
        List<Feed> feeds = List.of(new Feed("paced 10 msg/s", 10), new Feed("paced 1000 msg/s", 1_000),
                new Feed("max rate", 0));
        List<Series> deliveries = new ArrayList<>();
        List<Series> rates = new ArrayList<>();
        for (Feed feed : feeds) {
            deliveries.add(section.series(feed.name(), "deliveries/s"));
            rates.add(section.series(feed.name() + ": messages in", "messages/s"));
        }
        try {
            List<Integer> order = List.of(0, 1, 2);
            Interleaving.rounds(plan.fanoutRounds(), order, (round, i) -> {
                Feed feed = feeds.get(i);
                latencies.reset();
                long start = System.nanoTime();
                long serverCpu = server.cpuNanos();
                feed(senders, feed, plan.fanoutMessages());
                long missing = awaitDeliveries(members);
                double seconds = (System.nanoTime() - start) / 1e9;
                long delivered = (long) plan.fanoutMessages() * joined.size() - missing;
                double cpuShare = (server.cpuNanos() - serverCpu) / 1e9 / seconds;
                Series series = deliveries.get(i);
                series.add(delivered / seconds);
                series.addLatencies(latencies.getIntervalHistogram());
                rates.get(i).add(plan.fanoutMessages() / seconds);
                if (missing > 0) {
                    series.fact("missing after " + DRAIN.toSeconds() + " s", Long.toString(missing));
                }
                long closed = joined.stream().filter(m -> m.ending().isDone()).count();
                series.fact("members closed by the server", Long.toString(closed));
                series.fact("server CPU (cores busy, last round)", String.format(Locale.ROOT, "%.2f", cpuShare));
                progress.say(String.format(Locale.ROOT, "fanout round %d: %-18s %9.0f deliveries/s, %7.1f msg/s, "
                        + "%d missing, %d members closed", round + 1, feed.name(), delivered / seconds,
                        plan.fanoutMessages() / seconds, missing, closed));
            });
        } finally {
            closeAll(members);
        }
        section.note("A turn ends when every member has every message (or after " + DRAIN.toSeconds()
                + " s); deliveries/s = messages × members / that time. Latency: from the sender's send to a member's "
                + "receipt, all members, same JVM clock. Targets: p99 ≤ 50 ms at a paced 1000 msg/s.");
        section.note("The containers run with the abuse limits raised (" + BenchSettings.describe() + ").");
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
                int failed = join(client, members, count - from, i -> "idle-" + run + "-" + (from + i) / IDLE_ROOM_SIZE,
                        i -> "idle-" + run + "-" + (from + i), unused);
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

    private interface Naming {
        String name(int i);
    }

    /** Opens and joins {@code count} more members; returns how many failed to join within the wait. */
    private static int join(LoadClient client, List<ChatMember> members, int count, Naming room, Naming user,
            Recorder latencies) throws Exception {
        Semaphore inFlight = new Semaphore(JOINS_IN_FLIGHT);
        List<CompletableFuture<?>> joined = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ChatMember member = new ChatMember(user.name(i), latencies);
            members.add(member);
            inFlight.acquire();
            CompletableFuture<?> welcome = client.open("chat/" + room.name(i), member.user(), member)
                    .thenCompose(socket -> member.welcome());
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

    /** Sends {@code messages} from the senders, paced or all at once; returns when all were sent. */
    private static void feed(List<ChatMember> senders, Feed feed, int messages) throws Exception {
        int each = messages / senders.size();
        if (feed.perSecond() == 0) {
            for (int n = 0; n < each; n++) {
                for (ChatMember sender : senders) {
                    sender.sendNext();
                }
            }
        } else {
            ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
            try {
                long period = TimeUnit.SECONDS.toNanos(1) * senders.size() / feed.perSecond();
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

    private static void closeAll(List<ChatMember> members) {
        CompletableFuture.allOf(members.stream().map(ChatMember::close).toArray(CompletableFuture[]::new))
                .orTimeout(60, TimeUnit.SECONDS).handle((ok, failure) -> null).join();
    }

    private static KeyStore pkcs12(Path file) throws IOException {
        try {
            return KeyStores.readPkcs12(file, "changeit".toCharArray());
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot read " + file, e);
        }
    }
}
