package io.pqws.config;

/**
 * Server push.
 *
 * @param backlog   notifications kept per user for reconnecting clients (older ones are dropped, and a client that
 *                  asks for them is told so)
 * @param maxUsers  users whose backlog and subscriptions the server keeps (the least recently active user without
 *                  an open session is forgotten first)
 * @param maxTopics topics one user may subscribe to
 */
public record NotificationSettings(int backlog, int maxUsers, int maxTopics) {
}
