package io.pqws.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import jakarta.json.Json;

/**
 * What the fan-out logs hold survives the trip through JSON unchanged: every instance rebuilds the same message and
 * the same notification from it.
 */
class LogEntryCodecTest {

    private final Instant time = Instant.parse("2025-10-07T08:00:00.123Z");

    @Test
    void aChatEntryRoundTrips() {
        ChatLogEntry entry = new ChatLogEntry("CN=alice,O=pqws dev", time, "hello \"world\" \u00e9");
        assertEquals(entry, ChatLogEntry.parse(entry.toJson()));
    }

    @Test
    void everyNotificationEntryRoundTrips() {
        List<NotificationLogEntry> entries = List.of(
                new NotificationLogEntry.Published(time, PublishNotification.toUser("CN=bob,O=pqws dev", "t", null)),
                new NotificationLogEntry.Published(time, new PublishNotification(null, null, "orders", "order 42",
                        "shipped", Json.createObjectBuilder().add("order", 42).build())),
                new NotificationLogEntry.Published(time, PublishNotification.toRole("ops", "disk", "node 7")),
                new NotificationLogEntry.Topics("CN=bob,O=pqws dev", true, List.of("orders", "releases")),
                new NotificationLogEntry.Topics("CN=bob,O=pqws dev", false, List.of("orders")),
                new NotificationLogEntry.Connected("CN=carol,O=pqws dev", 41));
        for (NotificationLogEntry entry : entries) {
            assertEquals(entry, NotificationLogEntry.parse(entry.toJson()));
        }
    }
}
