package io.pqws.messaging;

import java.util.regex.Pattern;

import io.pqws.config.PrincipalNames;
import jakarta.json.JsonObject;

/**
 * A request to push a notification, addressed to exactly one of a user, a role or a topic. Portal code in the same
 * application fires it as a CDI event ({@code @Inject Event<PublishNotification>}); other parts of the portal
 * {@code POST} it as JSON to {@code /api/notifications}.
 *
 * <p>Validated on construction, so an invalid request fails in the publisher's thread with the reason.
 *
 * @param user  the principal name of the recipient ({@code CN=alice,O=example} for a certificate user)
 * @param role  a role: every user with it
 * @param topic a topic: every user who subscribed to it
 * @param title a short headline, 1 to 200 characters
 * @param body  the text, at most 4000 characters, or null
 * @param data  any JSON object for the client (at most 16 KiB as JSON), or null
 */
public record PublishNotification(String user, String role, String topic, String title, String body,
        JsonObject data) {

    static final int MAX_TITLE = 200;
    static final int MAX_BODY = 4_000;
    static final int MAX_DATA_CHARS = 16_384;
    private static final Pattern ROLE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public PublishNotification {
        int targets = (user != null ? 1 : 0) + (role != null ? 1 : 0) + (topic != null ? 1 : 0);
        if (targets != 1) {
            throw new IllegalArgumentException("address exactly one of \"user\", \"role\" and \"topic\"");
        }
        if (user != null) {
            try {
                user = PrincipalNames.canonical(user);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("\"user\" " + e.getMessage());
            }
        }
        if (role != null && !ROLE.matcher(role).matches()) {
            throw new IllegalArgumentException("\"role\" must be 1-64 letters, digits, . _ -");
        }
        if (topic != null && !Names.valid(topic)) {
            throw new IllegalArgumentException("\"topic\" must be 1-64 letters, digits, . _ -");
        }
        if (title == null || title.isBlank() || title.length() > MAX_TITLE) {
            throw new IllegalArgumentException("\"title\" must be 1 to " + MAX_TITLE + " characters");
        }
        if (body != null && body.length() > MAX_BODY) {
            throw new IllegalArgumentException("\"body\" must be at most " + MAX_BODY + " characters");
        }
        if (data != null && data.toString().length() > MAX_DATA_CHARS) {
            throw new IllegalArgumentException("\"data\" must be at most " + MAX_DATA_CHARS + " characters of JSON");
        }
    }

    public static PublishNotification toUser(String user, String title, String body) {
        return new PublishNotification(user, null, null, title, body, null);
    }

    public static PublishNotification toRole(String role, String title, String body) {
        return new PublishNotification(null, role, null, title, body, null);
    }

    public static PublishNotification toTopic(String topic, String title, String body) {
        return new PublishNotification(null, null, topic, title, body, null);
    }
}
