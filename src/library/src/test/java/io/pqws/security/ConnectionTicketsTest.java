package io.pqws.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Tickets: single use, short-lived, bounded in number, unguessable in form. */
class ConnectionTicketsTest {

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        private Instant now = Instant.parse("2025-10-07T08:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }
    }

    private final TestClock clock = new TestClock();
    private final ConnectionTickets tickets = new ConnectionTickets(clock, Duration.ofSeconds(30), 3);

    @Test
    void aTicketIsRedeemedOnceForItsUser() {
        ConnectionTickets.Issued issued = tickets.issue("CN=alice,O=pqws dev");
        assertEquals(Optional.of("CN=alice,O=pqws dev"), tickets.redeem(issued.ticket()));
        assertEquals(Optional.empty(), tickets.redeem(issued.ticket()), "replay");
    }

    @Test
    void aTicketExpires() {
        ConnectionTickets.Issued issued = tickets.issue("bob");
        assertEquals(clock.instant().plusSeconds(30), issued.expiresAt());
        clock.advance(Duration.ofSeconds(30));
        assertEquals(Optional.empty(), tickets.redeem(issued.ticket()));
        ConnectionTickets.Issued fresh = tickets.issue("bob");
        clock.advance(Duration.ofSeconds(29));
        assertEquals(Optional.of("bob"), tickets.redeem(fresh.ticket()), "positive control: just in time");
    }

    @Test
    void unknownTicketsAreRefused() {
        assertEquals(Optional.empty(), tickets.redeem("no-such-ticket"));
        assertEquals(Optional.empty(), tickets.redeem(null));
    }

    @Test
    void ticketsAreRandomTokensThatFitASubprotocol() {
        String a = tickets.issue("u").ticket();
        String b = tickets.issue("u").ticket();
        assertNotEquals(a, b);
        assertEquals(43, a.length());
        assertTrue(a.matches("[A-Za-z0-9_-]+"), a);
    }

    @Test
    void outstandingTicketsAreBoundedAndExpiredOnesMakeRoom() {
        for (int i = 0; i < 3; i++) {
            tickets.issue("u" + i);
        }
        assertThrows(ConnectionTickets.TooManyTicketsException.class, () -> tickets.issue("u4"));
        clock.advance(Duration.ofSeconds(31));
        assertEquals("u4", tickets.issue("u4").user(), "expired tickets were purged");
    }
}
