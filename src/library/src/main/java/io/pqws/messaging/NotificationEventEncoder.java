package io.pqws.messaging;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.websocket.Encoder;

/**
 * Encodes {@link NotificationEvent}s with JSON-B; a notification is encoded once and the same text goes to every
 * recipient's sessions and backlog.
 */
public class NotificationEventEncoder implements Encoder.Text<NotificationEvent> {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    public String encode(NotificationEvent event) {
        return JSONB.toJson(event); // the runtime type: JSON-B then writes the "type" key of @JsonbTypeInfo
    }
}
