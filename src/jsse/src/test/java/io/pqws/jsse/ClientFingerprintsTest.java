package io.pqws.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The fingerprint table stays within its bound under a flood of distinct clients, and keeps the frequent ones. */
class ClientFingerprintsTest {

    @Test
    void countsEachClientWithItsOfferAndUserAgent() {
        ClientFingerprints table = new ClientFingerprints(8);
        table.seen("t13d1516h2_a", true, "TLSv1.3,TLSv1.2", 1_000);
        table.seen("t13d1516h2_a", true, "TLSv1.3,TLSv1.2", 2_000);
        table.seen("t13i0206h1_b", false, "TLSv1.3", 3_000);
        table.noteUserAgent("t13i0206h1_b", "Java-http-client/17\u0007");
        table.noteUserAgent("unknown", "ignored");

        List<ClientFingerprint> rows = table.getFingerprints();
        assertEquals(2, rows.size());
        assertEquals("t13d1516h2_a", rows.get(0).getFingerprint(), "most handshakes first");
        assertEquals(2, rows.get(0).getCount());
        assertEquals(0, rows.get(0).getWithoutHybrid());
        assertEquals(2_000, rows.get(0).getLastSeenMillis());
        assertEquals("", rows.get(0).getUserAgent());
        assertEquals(1, rows.get(1).getWithoutHybrid());
        assertEquals("Java-http-client/17?", rows.get(1).getUserAgent(), "control characters are not kept");
    }

    @Test
    void aFloodOfDistinctFingerprintsStaysWithinTheBoundAndKeepsTheFrequentClient() {
        ClientFingerprints table = new ClientFingerprints(16);
        for (int i = 0; i < 5; i++) {
            table.seen("frequent", false, "TLSv1.3", i);
        }
        for (int i = 0; i < 100_000; i++) {
            table.seen("flood-" + i, true, "TLSv1.3", i);
        }

        List<ClientFingerprint> rows = table.getFingerprints();
        assertEquals(16, rows.size());
        assertEquals("frequent", rows.get(0).getFingerprint());
        assertEquals(5, rows.get(0).getCount());
        long kept = rows.stream().mapToLong(ClientFingerprint::getCount).sum();
        assertEquals(100_005, kept + table.getOverflow(), "every handshake is in a row or in the overflow");
        assertTrue(table.getOverflow() >= 100_000 - 15);
    }

    @Test
    void aLongUserAgentIsCut() {
        ClientFingerprints table = new ClientFingerprints(4);
        table.seen("f", true, "TLSv1.3", 1);
        table.noteUserAgent("f", "x".repeat(10_000));
        assertEquals(ClientFingerprints.MAX_USER_AGENT, table.getFingerprints().get(0).getUserAgent().length());
    }
}
