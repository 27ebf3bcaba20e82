package io.pqws.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void oddCountTakesTheMiddleValueWhateverTheOrder() {
        Summary s = Summary.of(List.of(30.0, 10.0, 20.0));
        assertEquals(20.0, s.median());
        assertEquals(10.0, s.min());
        assertEquals(30.0, s.max());
        assertEquals(3, s.count());
    }

    @Test
    void evenCountAveragesTheTwoMiddleValues() {
        assertEquals(25.0, Summary.of(List.of(40.0, 10.0, 20.0, 30.0)).median());
    }

    @Test
    void oneSpoiledRoundDoesNotMoveTheMedian() {
        Summary clean = Summary.of(List.of(100.0, 101.0, 99.0));
        Summary spoiled = Summary.of(List.of(100.0, 101.0, 12.0));
        assertEquals(100.0, clean.median());
        assertEquals(100.0, spoiled.median(), "the median ignores the round a background build spoiled");
        assertEquals(0.89, spoiled.relativeSpread(), 1e-9, "but the spread shows it");
        assertEquals(0.02, clean.relativeSpread(), 1e-9);
    }

    @Test
    void noValuesOrNanAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Summary.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Summary.of(List.of(1.0, Double.NaN)));
    }
}
