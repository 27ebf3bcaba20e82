package io.pqws.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one WebSocket endpoint, lock-free: many sessions update them concurrently and a scrape reads them
 * without stopping anyone.
 *
 * <p>Why {@link LongAdder} for counters and an {@link AtomicLong} for the active gauge: counters are written far more
 * often than read, which is what {@code LongAdder} is for; the gauge goes up and down and must never be read half
 * way.
 */
final class EndpointCounters {

    private final Map<SessionLabels, LongAdder> opened = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> closes = new ConcurrentHashMap<>();
    private final AtomicLong active = new AtomicLong();
    private final LongAdder errors = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder sent = new LongAdder();

    void opened(SessionLabels labels) {
        opened.computeIfAbsent(labels, l -> new LongAdder()).increment();
        active.incrementAndGet();
    }

    /** A close with this code; {@code wasOpen} when the session had been counted as opened (and so as active). */
    void closed(int code, boolean wasOpen) {
        closes.computeIfAbsent(code, c -> new LongAdder()).increment();
        if (wasOpen) {
            active.decrementAndGet();
        }
    }

    void error() {
        errors.increment();
    }

    void received() {
        received.increment();
    }

    void sent() {
        sent.increment();
    }

    EndpointSnapshot snapshot(String endpoint) {
        Map<SessionLabels, Long> openedNow = new HashMap<>();
        opened.forEach((labels, count) -> openedNow.put(labels, count.sum()));
        Map<Integer, Long> closesNow = new HashMap<>();
        closes.forEach((code, count) -> closesNow.put(code, count.sum()));
        return new EndpointSnapshot(endpoint, openedNow, active.get(), closesNow, errors.sum(), received.sum(),
                sent.sum());
    }
}
