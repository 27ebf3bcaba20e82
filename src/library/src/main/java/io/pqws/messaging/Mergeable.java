package io.pqws.messaging;

import java.util.Optional;

/**
 * An outgoing message that, while it still waits in a session's {@link Outbox}, may absorb a later one: a burst of
 * presence changes reaches a busy member as one message instead of one each.
 *
 * <p>Why: when a thousand members join a room, each join is news to every other member; sent one by one that is
 * half a million messages, each a TLS record. A member whose queue is not drained yet gets the changes folded into
 * the one still waiting, so the number of messages follows what the member can take, not the number of changes.
 * Implementations are immutable: one instance is offered to many members, and a merge makes a new one.
 */
public interface Mergeable {

    /** The JSON text to send. */
    String text();

    /** This message with {@code later} folded in, or empty when the two cannot be merged. */
    Optional<Mergeable> merge(Mergeable later);

    /** Whether merges left nothing to tell (a join and the leave that undid it); the outbox then drops it. */
    boolean isEmpty();
}
