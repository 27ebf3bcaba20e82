package io.pqws.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a soak run found. The delivery counts must be zero; heap figures are informational (absent without a server
 * pid); latencies are the sender-to-receiver times of the delivered messages, for the record only.
 *
 * @param plan                the run's shape
 * @param negotiated          protocol, cipher suite and group of a probe connection with the same client
 * @param opened              sessions that joined their room
 * @param sent                messages the members sent (completed sends)
 * @param delivered           distinct deliveries counted by receivers
 * @param verdict             lost, duplicated and out-of-order deliveries over all receivers
 * @param roomGaps            times a receiver saw the room's {@code seq} jump
 * @param unexpectedCloses    members (not the flooder) whose session ended before the run closed it
 * @param firstUnexpected     the first such ending, or null
 * @param floodSent           messages the flooder wrote before the server cut it off (-1 without a flooder)
 * @param floodEnding         how the flooder's session ended, or null
 * @param heap                the server's heap after full GCs along the run
 * @param latencyP50Micros    median delivery latency
 * @param latencyP99Micros    99th percentile
 * @param latencyMaxMicros    the longest
 * @param took                wall time of the whole run
 */
public record SoakResult(SoakPlan plan, String negotiated, int opened, long sent, long delivered,
        DeliveryLedger.Verdict verdict, long roomGaps, int unexpectedCloses, ChatMember.Ending firstUnexpected,
        long floodSent, ChatMember.Ending floodEnding, Heap heap, long latencyP50Micros, long latencyP99Micros,
        long latencyMaxMicros, Duration took) {

    /**
     * The server's heap in use after a full GC (jcmd), in bytes, or -1 each when no server pid was given.
     *
     * @param baseline before any session of the run
     * @param joined   all sessions joined, none has sent yet
     * @param warm     a tenth into the sending time: every session has sent and received (its buffers exist)
     * @param end      after the last delivery, sessions still open
     */
    public record Heap(long baseline, long joined, long warm, long end) {
    }

    /** Whether the flooder was stopped by the server's rate limit (1008). */
    public boolean floodThrottled() {
        return floodEnding != null && floodEnding.code() == 1008;
    }

    /** Nothing lost, duplicated or reordered, every member stayed, and the flooder (if any) was throttled. */
    public boolean passed() {
        return opened == plan.sessions() && verdict.lost() == 0 && verdict.duplicated() == 0
                && verdict.outOfOrder() == 0 && roomGaps == 0 && unexpectedCloses == 0
                && (!plan.flood() || floodThrottled());
    }

    /** The report, one fact a line. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "soak %s: %d sessions in %d rooms of %d, one message per %s each, for %s",
                plan.runId(), plan.sessions(), plan.rooms(), plan.roomSize(), human(plan.interval()),
                human(plan.duration())));
        lines.add("TLS: " + negotiated);
        lines.add("sessions joined: " + opened + " of " + plan.sessions());
        lines.add("messages sent: " + sent + ", deliveries counted: " + delivered);
        lines.add("lost: " + verdict.lost() + ", duplicated: " + verdict.duplicated() + ", out of order: "
                + verdict.outOfOrder() + ", room sequence gaps: " + roomGaps);
        lines.add("members closed unexpectedly: " + unexpectedCloses
                + (firstUnexpected == null ? "" : " (first: " + firstUnexpected + ")"));
        if (plan.flood()) {
            lines.add("flooder: " + floodSent + " messages written before the server closed it: "
                    + (floodEnding == null ? "still open" : floodEnding.code() + " " + floodEnding.reason())
                    + (floodThrottled() ? " (throttled)" : " (NOT throttled)"));
        }
        lines.add(String.format(Locale.ROOT, "delivery latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                latencyP50Micros / 1e3, latencyP99Micros / 1e3, latencyMaxMicros / 1e3));
        if (heap.joined() >= 0) {
            lines.add(String.format(Locale.ROOT, "server heap after full GC: %s before the sessions, %s joined, "
                    + "%s a tenth into the run, %s at the end", mib(heap.baseline()), mib(heap.joined()),
                    mib(heap.warm()), mib(heap.end())));
        } else {
            lines.add("server heap: not measured (no server pid)");
        }
        lines.add("took " + human(took) + "; verdict: " + (passed() ? "PASSED" : "FAILED"));
        return lines;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

    private static String human(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
