package io.pqws.messaging;

import java.util.List;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/**
 * Reads a list of users from a room's event in the room tests: a presence's {@code joined} or {@code left}, a
 * welcome's {@code members}.
 */
final class Presences {

    private Presences() {
    }

    static List<String> users(JsonObject presence, String key) {
        return presence.getJsonArray(key).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
