package io.pqws.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RatioTest {

    private static Series series(String name, double... rounds) {
        Series series = new Series(name, "handshakes/s");
        for (double value : rounds) {
            series.add(value);
        }
        return series;
    }

    @Test
    void pairsRoundsSoThatLoadSharedByBothCancels() {
        // Round 2 ran under a background build: both halves slowed down by half; the pair keeps its ratio.
        Series hybrid = series("hybrid", 90, 45, 91);
        Series classic = series("classic", 100, 50, 100);
        Ratio ratio = Ratio.of("hybrid / classic", hybrid, classic, 0.90, true);
        assertEquals(0.90, ratio.paired().median(), 1e-9);
        assertEquals(0.90, ratio.paired().min(), 1e-9);
        assertEquals(0.91, ratio.paired().max(), 1e-9);
        assertTrue(ratio.meetsTarget());
        assertEquals("hybrid", ratio.numerator());
        assertEquals("classic", ratio.denominator());
    }

    @Test
    void targetsAreMetFromTheRightSide() {
        Series slow = series("slow", 80, 80, 80);
        Series fast = series("fast", 100, 100, 100);
        assertFalse(Ratio.of("rate", slow, fast, 0.90, true).meetsTarget(), "0.8 is below a rate target of 0.9");
        assertTrue(Ratio.of("latency", slow, fast, 0.90, false).meetsTarget(), "0.8 is below a latency bound");
        assertFalse(Ratio.of("latency", fast, slow, 0.90, false).meetsTarget(), "1.25 exceeds a latency bound");
        assertTrue(Ratio.of("no target", slow, fast, Double.NaN, true).meetsTarget());
    }

    @Test
    void roundsMustPairUp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ratio.of("x", series("a", 1, 2), series("b", 1), Double.NaN, true));
        assertTrue(e.getMessage().contains("same rounds"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Ratio.of("x", series("a", 1), series("b", 0), Double.NaN, true));
    }
}
