package io.pqws.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The latest sessions opened, for the status page: a fixed ring that writers fill without locks.
 *
 * <p>Why a ring: the page shows the last few sessions; keeping every session would grow without bound.
 */
final class RecentSessions {

    private final AtomicReferenceArray<RecentSession> ring;
    private final AtomicLong written = new AtomicLong();

    RecentSessions(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        ring = new AtomicReferenceArray<>(capacity);
    }

    void add(Instant openedAt, String endpoint, SessionLabels labels) {
        long sequence = written.incrementAndGet();
        ring.set((int) ((sequence - 1) % ring.length()), new RecentSession(sequence, openedAt, endpoint, labels));
    }

    /** Up to the ring's capacity of the latest sessions, newest first. */
    List<RecentSession> latest() {
        List<RecentSession> entries = new ArrayList<>(ring.length());
        for (int i = 0; i < ring.length(); i++) {
            RecentSession entry = ring.get(i);
            if (entry != null) {
                entries.add(entry);
            }
        }
        entries.sort(Comparator.comparingLong(RecentSession::sequence).reversed());
        return entries;
    }
}
