package io.pqws.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The token bucket on a clock the test moves. */
class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstIsAllowedThenTheRate() {
        RateLimiter limiter = new RateLimiter(10, 5, 0);
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.tryAcquire(0), "burst message " + i);
        }
        assertFalse(limiter.tryAcquire(0), "the sixth at once");
        assertFalse(limiter.tryAcquire(SECOND / 20), "half a token later");
        assertTrue(limiter.tryAcquire(SECOND / 10), "one token per 100 ms at 10/s");
    }

    @Test
    void idleTimeRefillsButNeverBeyondTheBurst() {
        RateLimiter limiter = new RateLimiter(10, 5, 0);
        for (int i = 0; i < 5; i++) {
            limiter.tryAcquire(0);
        }
        int allowed = 0;
        for (int i = 0; i < 20; i++) {
            if (limiter.tryAcquire(3_600 * SECOND)) {
                allowed++;
            }
        }
        assertEquals(5, allowed, "an hour of silence buys one burst, not 36000 messages");
    }

    @Test
    void aSteadyRateAtTheLimitIsNeverRefused_positiveControl() {
        RateLimiter limiter = new RateLimiter(20, 1, 0);
        for (int i = 1; i <= 1_000; i++) {
            assertTrue(limiter.tryAcquire(i * SECOND / 20), "message " + i);
        }
    }

    @Test
    void aClockThatGoesBackwardsGrantsNothing() {
        RateLimiter limiter = new RateLimiter(1, 1, 10 * SECOND);
        assertTrue(limiter.tryAcquire(10 * SECOND));
        assertFalse(limiter.tryAcquire(0));
    }

    @Test
    void nonPositiveSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(1, 0, 0));
    }
}
