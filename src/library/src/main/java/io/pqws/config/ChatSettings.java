package io.pqws.config;

/**
 * Chat rooms.
 *
 * @param history    messages kept per room and replayed to whoever joins (0: none)
 * @param maxMembers sessions one room admits at the same time (more: close 4002)
 * @param maxRooms   rooms that may exist at the same time (more: close 4003)
 */
public record ChatSettings(int history, int maxMembers, int maxRooms) {
}
