package io.pqws.client;

import java.time.Duration;

/**
 * A {@code --timeout} given in seconds, fractions allowed, as a {@link Duration}.
 *
 * <p>Why a class: {@code connect} and {@code probe} accept the same form (above 0, up to their own maximum, rounded
 * to milliseconds but never 0) and reject a bad value with the same words; the rule is written once here.
 */
final class TimeoutSeconds {

    private TimeoutSeconds() {
    }

    /**
     * {@code seconds} as a duration of at least one millisecond.
     *
     * @throws IllegalArgumentException when {@code seconds} is not above 0 and at most {@code maxSeconds}
     */
    static Duration toDuration(double seconds, int maxSeconds) {
        if (!(seconds > 0) || seconds > maxSeconds) {
            throw new IllegalArgumentException("--timeout must be between 0 and " + maxSeconds + " seconds: "
                    + seconds);
        }
        return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }
}
