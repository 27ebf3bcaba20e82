package io.pqws.messaging;

import java.util.List;

/**
 * What a client sends on {@code /notifications}. Decoded by {@link NotificationCommandDecoder}; see
 * {@code docs/messaging.md}.
 */
public sealed interface NotificationCommand
        permits NotificationCommand.Subscribe, NotificationCommand.Unsubscribe {

    /** {@code {"type":"subscribe","topics":["orders"]}}: also receive notifications published to these topics. */
    record Subscribe(List<String> topics) implements NotificationCommand {
        public Subscribe {
            topics = checked(topics);
        }
    }

    /** {@code {"type":"unsubscribe","topics":["orders"]}}. */
    record Unsubscribe(List<String> topics) implements NotificationCommand {
        public Unsubscribe {
            topics = checked(topics);
        }
    }

    private static List<String> checked(List<String> topics) {
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("\"topics\" must name at least one topic");
        }
        for (String topic : topics) {
            if (!Names.valid(topic)) {
                throw new IllegalArgumentException("invalid topic name " + ProtocolJson.quote(topic)
                        + " (1-64 letters, digits, . _ -)");
            }
        }
        return List.copyOf(topics);
    }
}
