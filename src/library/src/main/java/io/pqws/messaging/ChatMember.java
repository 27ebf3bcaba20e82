package io.pqws.messaging;

import jakarta.websocket.Session;

/**
 * One session in one room: whose it is (the authenticated principal) and its outgoing queue.
 *
 * @param user   the session's authenticated principal name, the only sender name the room uses
 * @param outbox the session's bounded outgoing queue
 */
record ChatMember(String user, Outbox outbox) {

    Session session() {
        return outbox.session();
    }
}
