package io.pqws.messaging;

import java.io.StringReader;
import java.time.Instant;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/**
 * A chat message as a room's log keeps it, before the log numbers it: who sent it, when, and what. Numbering is the
 * log's job ({@link io.pqws.cluster.FanOut#append}), so the number is not part of the entry.
 */
record ChatLogEntry(String sender, Instant time, String text) {

    String toJson() {
        return Json.createObjectBuilder().add("sender", sender).add("time", time.toString()).add("text", text)
                .build().toString();
    }

    static ChatLogEntry parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            return new ChatLogEntry(object.getString("sender"), Instant.parse(object.getString("time")),
                    object.getString("text"));
        }
    }
}
