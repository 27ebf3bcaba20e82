package io.pqws.messaging;

import java.time.Instant;
import java.util.List;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;

/**
 * What the server sends on {@code /notifications}, each as one JSON object whose {@code "type"} names the record.
 * Encoded by {@link NotificationEventEncoder}; see {@code docs/messaging.md}.
 */
@JsonbTypeInfo(key = "type", value = {
    @JsonbSubtype(alias = "notification", type = NotificationEvent.Notification.class),
    @JsonbSubtype(alias = "ready", type = NotificationEvent.Ready.class),
    @JsonbSubtype(alias = "subscribed", type = NotificationEvent.Subscribed.class),
    @JsonbSubtype(alias = "missed", type = NotificationEvent.Missed.class)})
public sealed interface NotificationEvent
        permits NotificationEvent.Notification, NotificationEvent.Ready, NotificationEvent.Subscribed,
        NotificationEvent.Missed {

    /**
     * One notification. Exactly one of {@code user}, {@code role} and {@code topic} says how it was addressed.
     *
     * @param id unique per server run and increasing; a reconnecting client passes the last one it saw as
     *           {@code ?lastSeenId=} to receive what it missed
     */
    record Notification(String id, Instant time, String user, String role, String topic, String title, String body,
            JsonObject data) implements NotificationEvent {
    }

    /**
     * The first message of a session: who the server says you are, your topics (they persist across your sessions)
     * and the id of the latest notification issued before this session started, so that a client that received
     * nothing yet can still resume from there with {@code ?lastSeenId=}.
     */
    record Ready(String you, List<String> topics, String lastId) implements NotificationEvent {
        public Ready {
            topics = List.copyOf(topics);
        }
    }

    /** Your topics, after every subscribe or unsubscribe. */
    record Subscribed(List<String> topics) implements NotificationEvent {
        public Subscribed {
            topics = List.copyOf(topics);
        }
    }

    /**
     * Sent before a replay that cannot be complete: notifications after {@code after} were dropped from the backlog
     * ({@code reason} {@value NotificationCenter#BACKLOG_OVERFLOW}) or the id is not from this server run
     * ({@value NotificationCenter#UNKNOWN_ID}). What is still kept follows; the client should reload its state.
     */
    record Missed(String after, String reason) implements NotificationEvent {
    }
}
