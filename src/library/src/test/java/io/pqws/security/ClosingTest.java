package io.pqws.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Close reasons fit a close frame (123 bytes of UTF-8), cut on a character boundary. */
class ClosingTest {

    @Test
    void shortReasonsStay() {
        assertEquals("rate limit exceeded", Closing.trim("rate limit exceeded"));
        assertEquals("", Closing.trim(null));
    }

    @Test
    void longReasonsAreCutToOneHundredTwentyThreeBytesWithoutSplittingACharacter() {
        String cut = Closing.trim("é".repeat(100)); // 200 bytes
        assertEquals(61, cut.length());
        assertTrue(cut.getBytes(StandardCharsets.UTF_8).length <= 123);
        String emoji = Closing.trim("x" + "\uD83D\uDE00".repeat(40)); // 1 + 160 bytes
        assertEquals(1 + 30 * 2, emoji.length(), "whole surrogate pairs only");
    }

    @Test
    void utf8LengthCountsWireBytes() {
        assertEquals(1, Utf8.length("x"));
        assertEquals(2, Utf8.length("é"));
        assertEquals(3, Utf8.length("€"));
        assertEquals(4, Utf8.length("\uD83D\uDE00"));
        String mixed = "aé€\uD83D\uDE00";
        assertEquals(mixed.getBytes(StandardCharsets.UTF_8).length, Utf8.length(mixed));
    }
}
