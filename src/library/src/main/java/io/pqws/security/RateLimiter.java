package io.pqws.security;

/**
 * A token bucket: {@code burst} messages at once, refilled at {@code perSecond}. One per session, used by the
 * session's own message thread (not thread-safe).
 *
 * <p>Why a bucket and not a per-second counter: a counter that resets each second lets a client send twice the
 * limit across a second boundary; the bucket bounds every window.
 */
public final class RateLimiter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double perNano;
    private final double burst;
    private double tokens;
    private long lastNanos;

    public RateLimiter(int perSecond, int burst, long nowNanos) {
        if (perSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be positive: " + perSecond + ", " + burst);
        }
        this.perNano = (double) perSecond / NANOS_PER_SECOND;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /** Takes one token if there is one. */
    public boolean tryAcquire(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - lastNanos);
        lastNanos = nowNanos;
        tokens = Math.min(burst, tokens + elapsed * perNano);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
