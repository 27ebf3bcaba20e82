package io.pqws.client;

import java.util.List;

import jakarta.json.JsonObject;

/**
 * Where a chat follower picks up after it rejoined a room: which messages of the new {@code welcome}'s history it has
 * not seen yet.
 *
 * <p>Why not by {@code seq} alone: a room's numbering is that of its log, and a log can start again at 1 (a single
 * server restarted, or the room emptied) or be numbered by each instance on its own ({@code pqws.fanout=jms}). So the
 * follower remembers the last message it saw by its content (sender, server time, text) and looks for it in the
 * history: what follows it is new. When the history no longer holds it (the room started over, or it has moved on
 * further than the history keeps), every message of the history is new to the follower.
 */
final class ChatResumption {

    private ChatResumption() {
    }

    /** The last message a follower saw, as a key that is the same in every copy of it (live or from a history). */
    static String key(JsonObject message) {
        return message.getString("sender", "") + '\n' + message.getString("time", "") + '\n'
                + message.getString("text", "");
    }

    /**
     * The position in {@code history} after which the messages are new: the index of the last one holding
     * {@code lastSeen} (a {@link #key}), or -1 when none does or nothing was seen yet.
     */
    static int lastSeenIndex(List<JsonObject> history, String lastSeen) {
        if (lastSeen != null) {
            for (int i = history.size() - 1; i >= 0; i--) {
                if (key(history.get(i)).equals(lastSeen)) {
                    return i;
                }
            }
        }
        return -1;
    }
}
