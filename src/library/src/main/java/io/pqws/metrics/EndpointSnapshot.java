package io.pqws.metrics;

import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counters of one endpoint at one moment, for rendering; maps are sorted so that the output is stable.
 *
 * @param endpoint         the endpoint's path template, e.g. {@code /echo}
 * @param opened           sessions opened, by their TLS labels
 * @param active           sessions open now
 * @param closes           sessions closed, by close code
 * @param errors           errors reported to the endpoint's {@code @OnError}
 * @param messagesReceived messages received (text and binary; a fragmented message counts once)
 * @param messagesSent     messages sent, replies and server-initiated sends alike
 */
public record EndpointSnapshot(String endpoint, Map<SessionLabels, Long> opened, long active, Map<Integer, Long> closes,
        long errors, long messagesReceived, long messagesSent) {

    static final Comparator<SessionLabels> LABEL_ORDER = Comparator.comparing(SessionLabels::group)
            .thenComparing(SessionLabels::protocol).thenComparing(SessionLabels::cipherSuite)
            .thenComparing(SessionLabels::hybrid);

    public EndpointSnapshot {
        TreeMap<SessionLabels, Long> sortedOpened = new TreeMap<>(LABEL_ORDER);
        sortedOpened.putAll(opened);
        opened = Collections.unmodifiableMap(sortedOpened);
        closes = Collections.unmodifiableMap(new TreeMap<>(closes));
    }

    /** All sessions ever opened on this endpoint. */
    public long openedTotal() {
        return opened.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Sessions opened on a hybrid post-quantum group. */
    public long openedHybrid() {
        return opened.entrySet().stream().filter(e -> e.getKey().hybrid()).mapToLong(Map.Entry::getValue).sum();
    }

    /** The share of opened sessions that used a hybrid post-quantum group, 0 when none was opened yet. */
    public double hybridRatio() {
        long total = openedTotal();
        return total == 0 ? 0 : (double) openedHybrid() / total;
    }
}
