package io.pqws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;

import org.junit.jupiter.api.Test;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/** The readiness report reads a pqws status and writes it for scripts; a status without counts is named as such. */
class ReadinessReportTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text.replace('\'', '"'))).readObject();
    }

    @Test
    void listsTheClientsHybridOnlyWouldRefuse() {
        ReadinessReport report = ReadinessReport.of(json("{'profile':'hybrid','server':{'handshakes':8,"
                + "'hybridOfferedRatio':0.75,'withoutHybridOffer':2,'byGroup':{'X25519MLKEM768':6,'x25519':2}},"
                + "'clients':{'fingerprints':3,'overflow':4,'wouldBeRefused':[{'fingerprint':'t13d0000h1_a_b',"
                + "'handshakes':2,'versions':'TLSv1.3','lastSeen':'2026-12-07T12:00:00Z',"
                + "'userAgent':'Java-http-client/17'}]}}"));

        assertFalse(report.ready());
        assertEquals(String.join(System.lineSeparator(),
                "profile: hybrid",
                "handshakes: 8 completed, 75.0 % offered a hybrid group, 2 did not",
                "groups served: X25519MLKEM768 6, x25519 2",
                "hybrid-only would refuse (fingerprint, handshakes, versions, last seen, User-Agent):",
                "  t13d0000h1_a_b  2  TLSv1.3  2026-12-07T12:00:00Z  Java-http-client/17",
                "not listed: 4 handshakes of rare fingerprints"), report.text());
    }

    @Test
    void aServerWhoseClientsAllOfferAHybridGroupIsReady() {
        ReadinessReport report = ReadinessReport.of(json("{'profile':'hybrid','server':{'handshakes':1,"
                + "'hybridOfferedRatio':1.0,'withoutHybridOffer':0,'byGroup':{'X25519MLKEM768':1}},"
                + "'clients':{'fingerprints':1,'overflow':0,'wouldBeRefused':[]}}"));

        assertTrue(report.ready());
        assertTrue(report.text().contains("hybrid-only would refuse: no client seen so far"), report.text());
    }

    @Test
    void aServerWithoutAPqProfileHasNoCountsToReport() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> ReadinessReport.of(json("{'profile':'none','server':null,'clients':null}")));
        assertTrue(none.getMessage().contains("no PQ profile"), none.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ReadinessReport.of(json("{'profile':'hybrid','server':{},'clients':{}}")));
    }
}
