package io.pqws.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Finding the ticket in the Sec-WebSocket-Protocol header, however the client split it. */
class TicketCarrierTest {

    @Test
    void theTicketEntryIsFoundInOneOrSeveralHeaders() {
        assertEquals(Optional.of("abc_-1"), TicketCarrier.ticketIn(
                Collections.enumeration(List.of("pqws.v1, pqws.ticket.abc_-1"))));
        assertEquals(Optional.of("xyz"), TicketCarrier.ticketIn(
                Collections.enumeration(List.of("pqws.v1", "pqws.ticket.xyz"))));
        assertEquals("pqws.ticket.xyz", TicketCarrier.entryFor("xyz"));
    }

    @Test
    void noTicketWithoutTheEntry() {
        assertEquals(Optional.empty(), TicketCarrier.ticketIn(Collections.enumeration(List.of("pqws.v1"))));
        assertEquals(Optional.empty(), TicketCarrier.ticketIn(Collections.enumeration(List.of("pqws.ticket."))));
        assertEquals(Optional.empty(), TicketCarrier.ticketIn(null));
    }
}
