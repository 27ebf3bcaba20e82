package io.pqws.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {

    @Test
    void everyMessageOnceAndInOrderIsClean() {
        DeliveryLedger ledger = new DeliveryLedger();
        for (long n = 1; n <= 3; n++) {
            ledger.record("a", n);
            ledger.record("b", n);
        }
        assertEquals(new DeliveryLedger.Verdict(6, 0, 0, 0), ledger.verdict(Map.of("a", 3L, "b", 3L)));
    }

    @Test
    void aMissingMessageIsLost() {
        DeliveryLedger ledger = new DeliveryLedger();
        ledger.record("a", 1);
        ledger.record("a", 3);
        assertEquals(new DeliveryLedger.Verdict(2, 2, 0, 0), ledger.verdict(Map.of("a", 4L)));
    }

    @Test
    void aSenderNeverHeardFromIsAllLost() {
        assertEquals(new DeliveryLedger.Verdict(0, 5, 0, 0), new DeliveryLedger().verdict(Map.of("a", 5L)));
    }

    @Test
    void aSecondCopyIsDuplicatedAndNotCountedAsReceived() {
        DeliveryLedger ledger = new DeliveryLedger();
        ledger.record("a", 1);
        ledger.record("a", 2);
        ledger.record("a", 2);
        assertEquals(new DeliveryLedger.Verdict(2, 0, 1, 0), ledger.verdict(Map.of("a", 2L)));
    }

    @Test
    void anEarlierNumberAfterALaterOneIsOutOfOrder() {
        DeliveryLedger ledger = new DeliveryLedger();
        ledger.record("a", 2);
        ledger.record("a", 1);
        ledger.record("a", 3);
        assertEquals(new DeliveryLedger.Verdict(3, 0, 0, 1), ledger.verdict(Map.of("a", 3L)));
    }

    @Test
    void aNumberBeyondWhatWasSentDoesNotHideALoss() {
        DeliveryLedger ledger = new DeliveryLedger();
        ledger.record("a", 1);
        ledger.record("a", 5);
        assertEquals(1, ledger.verdict(Map.of("a", 2L)).lost());
    }

    @Test
    void aSenderOfUnknownCountIsCheckedForGaps() {
        DeliveryLedger ledger = new DeliveryLedger();
        ledger.record("flood", 1);
        ledger.record("flood", 2);
        ledger.record("flood", 4);
        assertEquals(new DeliveryLedger.Verdict(3, 1, 0, 0), ledger.verdict(Map.of()));
    }

    @Test
    void numbersStartAtOne() {
        assertThrows(IllegalArgumentException.class, () -> new DeliveryLedger().record("a", 0));
    }
}
