package io.pqws.bench.baseline;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

/** The naive room's message numbers, per room: shared state in a CDI bean, as a Jakarta developer keeps it. */
@ApplicationScoped
public class RoomSequences {

    private final Map<String, AtomicLong> rooms = new ConcurrentHashMap<>();

    /** The room's next number: 1, 2, 3, ... */
    public long next(String room) {
        return rooms.computeIfAbsent(room, name -> new AtomicLong()).incrementAndGet();
    }
}
