package io.pqws.messaging;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link ChatEvent.Presence} on its way to members, which folds later changes into itself while it waits in a
 * member's {@link Outbox}: a user who joined and then left within the batch is no news, one who left and came back
 * neither.
 *
 * <p>Why two kinds of instance: the room offers one shared instance to every member, encoded once and never changed;
 * the first merge in a member's queue makes a private copy, which later merges change in place (always under that
 * outbox's lock) and which is encoded only when it is sent, so a member that is far behind costs one encoding per
 * event it actually receives, not one per change.
 */
final class PresenceChange implements Mergeable {

    private static final ChatEventEncoder ENCODER = new ChatEventEncoder();

    private final String room;
    private final Set<String> joined;
    private final Set<String> left;
    private final boolean shared;
    private Instant time;
    private String text; // null while a private copy has changed since it was last encoded

    private PresenceChange(String room, Set<String> joined, Set<String> left, Instant time, boolean shared) {
        this.room = room;
        this.joined = joined;
        this.left = left;
        this.time = time;
        this.shared = shared;
        this.text = shared ? encode() : null;
    }

    /** The shared instance of one change, as the room offers it to every member. */
    static PresenceChange of(ChatEvent.Presence presence) {
        return new PresenceChange(presence.room(), new LinkedHashSet<>(presence.joined()),
                new LinkedHashSet<>(presence.left()), presence.time(), true);
    }

    @Override
    public boolean isEmpty() {
        return joined.isEmpty() && left.isEmpty();
    }

    @Override
    public String text() {
        if (text == null) {
            text = encode();
        }
        return text;
    }

    @Override
    public Optional<Mergeable> merge(Mergeable later) {
        if (!(later instanceof PresenceChange change) || !change.room.equals(room)) {
            return Optional.empty();
        }
        PresenceChange target = shared
                ? new PresenceChange(room, new LinkedHashSet<>(joined), new LinkedHashSet<>(left), time, false)
                : this;
        target.absorb(change);
        return Optional.of(target);
    }

    private void absorb(PresenceChange later) {
        for (String user : later.left) {
            if (!joined.remove(user)) {
                left.add(user);
            }
        }
        for (String user : later.joined) {
            if (!left.remove(user)) {
                joined.add(user);
            }
        }
        time = later.time;
        text = null;
    }

    private String encode() {
        return ENCODER.encode(new ChatEvent.Presence(room, List.copyOf(joined), List.copyOf(left), time));
    }
}
