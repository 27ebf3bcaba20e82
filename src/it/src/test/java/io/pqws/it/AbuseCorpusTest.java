package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The abuse corpus file itself, without a server: it parses, is big enough, and every case says what it expects. */
class AbuseCorpusTest {

    private static final Set<String> EXPECTATIONS = Set.of("close", "ended", "text", "binary-length", "pong", "json",
            "http", "tls-alert", "tls-hello", "silent");

    @Test
    void theCorpusHasAtLeast300CasesEachWithAKnownExpectation() {
        List<AbuseCase> cases = AbuseCase.corpus();
        assertTrue(cases.size() >= 300, "only " + cases.size() + " cases");
        Map<String, Integer> perCategory = new TreeMap<>();
        for (AbuseCase c : cases) {
            assertTrue(EXPECTATIONS.contains(c.expectKind()), c.name());
            perCategory.merge(c.category(), 1, Integer::sum);
        }
        assertEquals(Set.of("auth", "close", "frames", "handshake", "json", "names", "size", "tls", "utf8"),
                perCategory.keySet(), perCategory.toString());
    }

    @Test
    void aBrokenLineIsRefusedWithItsLineNumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AbuseCase.parse(List.of("# comment", "id\tframes\tanon@echo\ttext x")));
        assertEquals("corpus line 2: expected 5 tab-separated columns, got 4", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AbuseCase.parse(
                List.of("a\tx\tanon@echo\t-\tsilent", "a\tx\tanon@echo\t-\tsilent")), "duplicate id");
        assertEquals(1, AbuseCase.parse(List.of("a\tx\tanon@echo\t-\tsilent")).size(), "control");
    }

    @Test
    void payloadNotationGivesRawBytesAndRepeats() {
        assertArrayEquals(new byte[] {'a', (byte) 0xFF, 'b'}, AbuseCase.bytes("a\\xffb"));
        assertArrayEquals("é".getBytes(StandardCharsets.UTF_8), AbuseCase.bytes("é"));
        assertEquals("xyxyxy!", AbuseCase.expand("{repeat 3 xy}!"));
        assertEquals("{\"type\":\"say\"}", AbuseCase.expand("{\"type\":\"say\"}"), "JSON braces stay");
    }
}
