package io.pqws.config;

import java.time.Duration;

/**
 * Abuse limits every WebSocket session of the module obeys.
 *
 * @param maxTextBytes      largest text message accepted, in UTF-8 bytes (larger: close 1009)
 * @param maxBinaryBytes    largest binary message accepted (larger: close 1009)
 * @param messagesPerSecond sustained messages per second a session may send (more: close 1008)
 * @param burst             messages a session may send at once before the rate applies
 * @param idleTimeout       a session that neither sends nor receives for this long is closed by the container
 * @param sessionsPerUser   open sessions one authenticated user may hold across the module (more: close 1008)
 * @param outgoingQueue     messages queued for a session that does not read fast enough (more: close 4001)
 */
public record LimitSettings(int maxTextBytes, int maxBinaryBytes, int messagesPerSecond, int burst,
        Duration idleTimeout, int sessionsPerUser, int outgoingQueue) {

    /**
     * The largest message any endpoint lets the container buffer at all ({@code @OnMessage(maxMessageSize)} needs a
     * constant); the configurable limits lie at or below it.
     */
    public static final int HARD_MAX_MESSAGE_BYTES = 1 << 20;
}
