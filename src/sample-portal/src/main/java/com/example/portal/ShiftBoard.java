package com.example.portal;

import io.pqws.messaging.PublishNotification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/**
 * The portal's own business bean: posts a shift announcement to every signed-in member of staff. It knows nothing
 * of WebSockets: it fires the library's {@link PublishNotification} CDI event, and the library delivers it to the
 * sessions of {@link AlertsEndpoint}, with a backlog for whoever reconnects.
 */
@ApplicationScoped
public class ShiftBoard {

    /** The role every signed-in user has (settings {@code pqws.roles.*}, docs/messaging.md). */
    static final String STAFF = "pqws-user";

    @Inject
    private Event<PublishNotification> notifications;

    /** Announces {@code text} to the staff. */
    public void announce(String text) {
        notifications.fire(PublishNotification.toRole(STAFF, "Shift desk", text));
    }
}
