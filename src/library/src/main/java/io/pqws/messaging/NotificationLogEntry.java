package io.pqws.messaging;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;

/**
 * What the notification log holds: every change to the state {@link NotificationCenter} keeps per user, in the order
 * every instance applies it. Applying the same entries in the same order gives every instance the same backlogs and
 * topics, so a client can resume on any of them.
 */
sealed interface NotificationLogEntry permits NotificationLogEntry.Published, NotificationLogEntry.Topics,
        NotificationLogEntry.Connected {

    String toJson();

    /** A notification to publish, stamped with the time the publishing instance accepted it. */
    record Published(Instant time, PublishNotification request) implements NotificationLogEntry {
        @Override
        public String toJson() {
            JsonObjectBuilder json = Json.createObjectBuilder().add("kind", "published").add("time", time.toString())
                    .add("title", request.title());
            optional(json, "user", request.user());
            optional(json, "role", request.role());
            optional(json, "topic", request.topic());
            optional(json, "body", request.body());
            if (request.data() != null) {
                json.add("data", request.data());
            }
            return json.build().toString();
        }
    }

    /** A user subscribed to topics, or unsubscribed from them. */
    record Topics(String user, boolean subscribe, List<String> topics) implements NotificationLogEntry {
        public Topics {
            topics = List.copyOf(topics);
        }

        @Override
        public String toJson() {
            return Json.createObjectBuilder().add("kind", subscribe ? "subscribe" : "unsubscribe").add("user", user)
                    .add("topics", Json.createArrayBuilder(topics)).build().toString();
        }
    }

    /**
     * A user connected on one instance, which keeps the user's notifications from {@code since} on (the last entry it
     * had applied); the others do the same, so the user may resume on any of them. Only with a shared engine.
     */
    record Connected(String user, long since) implements NotificationLogEntry {
        @Override
        public String toJson() {
            return Json.createObjectBuilder().add("kind", "connected").add("user", user).add("since", since).build()
                    .toString();
        }
    }

    static NotificationLogEntry parse(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonObject json = reader.readObject();
            String kind = json.getString("kind");
            if (kind.equals("published")) {
                return new Published(Instant.parse(json.getString("time")), new PublishNotification(
                        json.getString("user", null), json.getString("role", null), json.getString("topic", null),
                        json.getString("title"), json.getString("body", null), json.getJsonObject("data")));
            }
            if (kind.equals("connected")) {
                return new Connected(json.getString("user"), json.getJsonNumber("since").longValue());
            }
            return new Topics(json.getString("user"), kind.equals("subscribe"), json.getJsonArray("topics")
                    .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
        }
    }

    private static void optional(JsonObjectBuilder json, String key, String value) {
        if (value != null) {
            json.add(key, value);
        }
    }
}
