package io.pqws.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * One measured quantity of one case, e.g. "full handshakes per second, BC hybrid client → Payara hybrid profile":
 * one value per round, the latencies of all rounds in one histogram, and facts observed along the way (negotiated
 * group, handshake sizes, HelloRetryRequests). Filled by one benchmark thread; read after the run.
 */
public final class Series {

    /** Latencies are recorded in microseconds, up to one minute, with 3 significant digits. */
    static final long MAX_MICROS = 60_000_000L;

    private final String name;
    private final String unit;
    private final List<Double> values = new ArrayList<>();
    private final Histogram latencyMicros = new Histogram(MAX_MICROS, 3);
    private final Map<String, String> facts = new LinkedHashMap<>();

    public Series(String name, String unit) {
        this.name = name;
        this.unit = unit;
    }

    public String name() {
        return name;
    }

    public String unit() {
        return unit;
    }

    /** Adds the value of the next round. */
    public void add(double value) {
        values.add(value);
    }

    public List<Double> values() {
        return List.copyOf(values);
    }

    public Summary summary() {
        return Summary.of(values);
    }

    /** Records one latency (microseconds; longer values are clamped to the histogram's range). */
    public void recordLatencyMicros(long micros) {
        latencyMicros.recordValue(Math.max(0, Math.min(MAX_MICROS, micros)));
    }

    /** Adds latencies recorded elsewhere (one histogram per worker thread, merged after a round). */
    public void addLatencies(Histogram other) {
        latencyMicros.add(other);
    }

    public boolean hasLatencies() {
        return latencyMicros.getTotalCount() > 0;
    }

    /** The latency at a percentile (0–100], in microseconds. */
    public long latencyMicrosAt(double percentile) {
        return latencyMicros.getValueAtPercentile(percentile);
    }

    public long latencyCount() {
        return latencyMicros.getTotalCount();
    }

    /** Notes an observation (the last one per key wins), e.g. {@code group=X25519MLKEM768}. */
    public void fact(String key, String value) {
        facts.put(key, value);
    }

    public Map<String, String> facts() {
        return Map.copyOf(facts);
    }

    /** The facts in the order they were first noted. */
    public List<Map.Entry<String, String>> orderedFacts() {
        return List.copyOf(facts.entrySet());
    }
}
