package io.pqws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** {@code --timeout} of {@code connect} and {@code probe}: fractions of a second, bounded above and below. */
class TimeoutSecondsTest {

    @Test
    void secondsWithFractionsBecomeMillisecondsButNeverZero() {
        assertEquals(Duration.ofMillis(1500), TimeoutSeconds.toDuration(1.5, 3600));
        assertEquals(Duration.ofSeconds(3600), TimeoutSeconds.toDuration(3600, 3600));
        assertEquals(Duration.ofMillis(1), TimeoutSeconds.toDuration(0.0001, 3600));
    }

    @Test
    void zeroNegativeTooLargeAndNotANumberAreRefusedWithTheBound() {
        for (double bad : new double[] {0, -1, 3600.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TimeoutSeconds.toDuration(bad, 3600));
            assertEquals("--timeout must be between 0 and 3600 seconds: " + bad, e.getMessage());
        }
    }
}
