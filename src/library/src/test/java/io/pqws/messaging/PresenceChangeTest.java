package io.pqws.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/** How presence changes fold together while they wait, as plain objects. */
class PresenceChangeTest {

    private static final Instant T1 = Instant.parse("2025-10-07T08:00:00Z");
    private static final Instant T2 = Instant.parse("2025-10-07T08:00:01Z");

    private static PresenceChange joined(String user, Instant time) {
        return PresenceChange.of(ChatEvent.Presence.joined("lobby", user, time));
    }

    private static PresenceChange left(String user, Instant time) {
        return PresenceChange.of(ChatEvent.Presence.left("lobby", user, time));
    }

    private static JsonObject json(Mergeable change) {
        return Json.createReader(new StringReader(change.text())).readObject();
    }

    @Test
    void aMergeLeavesTheSharedChangeAsItWasAndThenGrowsItsOwnCopy() {
        PresenceChange shared = joined("alice", T1);
        String before = shared.text();
        Mergeable copy = shared.merge(joined("bob", T1)).orElseThrow();
        assertNotSame(shared, copy, "the shared instance goes to other members too");
        assertEquals(before, shared.text());
        assertSame(copy, copy.merge(left("carol", T2)).orElseThrow(), "the copy is this member's own");
        JsonObject merged = json(copy);
        assertEquals(List.of("alice", "bob"), Presences.users(merged, "joined"));
        assertEquals(List.of("carol"), Presences.users(merged, "left"));
        assertEquals(T2.toString(), merged.getString("time"), "the time of the latest change");
    }

    @Test
    void aJoinUndoneByALeaveIsNoNewsAndNeitherIsALeaveUndoneByAJoin() {
        Mergeable cameAndWent = joined("dave", T1).merge(left("dave", T2)).orElseThrow();
        assertTrue(cameAndWent.isEmpty());
        Mergeable wentAndCame = left("erin", T1).merge(joined("erin", T2)).orElseThrow();
        assertTrue(wentAndCame.isEmpty());
        assertFalse(joined("frank", T1).isEmpty());
    }

    @Test
    void changesOfAnotherRoomOrKindAreNotMerged() {
        PresenceChange lobby = joined("alice", T1);
        assertTrue(lobby.merge(PresenceChange.of(ChatEvent.Presence.joined("other", "bob", T1))).isEmpty());
        assertTrue(lobby.merge(new Mergeable() {
            @Override
            public String text() {
                return "{}";
            }

            @Override
            public java.util.Optional<Mergeable> merge(Mergeable later) {
                return java.util.Optional.empty();
            }

            @Override
            public boolean isEmpty() {
                return false;
            }
        }).isEmpty());
    }
}
