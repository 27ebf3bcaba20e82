package io.pqws.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class IdleReaperTest {

    @Test
    void sweepsEveryTenthOfTheTimeoutWithinOneAndThirtySeconds() {
        assertEquals(Duration.ofSeconds(1), IdleReaper.period(Duration.ofSeconds(3)));
        assertEquals(Duration.ofSeconds(6), IdleReaper.period(Duration.ofSeconds(60)));
        assertEquals(Duration.ofSeconds(30), IdleReaper.period(Duration.ofSeconds(600)));
    }
}
