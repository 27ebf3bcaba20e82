package io.pqws.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The breakdown's last step, as plain data: small categories fold into one row, the total stays. */
class JfrBreakdownTest {

    @Test
    void categoriesUnderTheShareFoldIntoOneLastRow() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("TLS", 600L);
        counts.put("Tyrus", 390L);
        counts.put("logging", 6L);
        counts.put("JSON", 4L);
        Map<String, Long> folded = JfrBreakdown.folded(counts, 0.01);
        assertEquals(List.of("TLS", "Tyrus", "everything else (each under 1 %)"), List.copyOf(folded.keySet()));
        assertEquals(10L, folded.get("everything else (each under 1 %)"));
        assertEquals(1000L, folded.values().stream().mapToLong(Long::longValue).sum());
    }
}
