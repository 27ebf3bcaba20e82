package io.pqws.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

/**
 * Where a browser puts its connection ticket: the {@code Sec-WebSocket-Protocol} list of the handshake, as
 * {@code new WebSocket(url, ["pqws.v1", "pqws.ticket." + ticket])}. The server answers with {@link #SUBPROTOCOL}
 * only, so the ticket is never echoed.
 *
 * <p>Why this carrier: it is the one header a browser lets a page set on a WebSocket handshake, it is not part of
 * the URL (which access logs and browser history keep), and it is sent to this origin only.
 */
public final class TicketCarrier {

    /** The protocol this module speaks; a browser must offer it next to its ticket. */
    public static final String SUBPROTOCOL = "pqws.v1";
    /** Prefix of the ticket entry in the subprotocol list. */
    public static final String TICKET_PREFIX = "pqws.ticket.";
    static final String HEADER = "Sec-WebSocket-Protocol";

    private TicketCarrier() {
    }

    /** The ticket offered in the header values (each a comma-separated list), if any. */
    public static Optional<String> ticketIn(Enumeration<String> headerValues) {
        for (String token : tokens(headerValues)) {
            if (token.startsWith(TICKET_PREFIX) && token.length() > TICKET_PREFIX.length()) {
                return Optional.of(token.substring(TICKET_PREFIX.length()));
            }
        }
        return Optional.empty();
    }

    /** The subprotocol entry that carries a ticket. */
    public static String entryFor(String ticket) {
        return TICKET_PREFIX + ticket;
    }

    static List<String> tokens(Enumeration<String> headerValues) {
        List<String> tokens = new ArrayList<>();
        if (headerValues == null) {
            return tokens;
        }
        for (String value : Collections.list(headerValues)) {
            for (String token : value.split(",")) {
                if (!token.isBlank()) {
                    tokens.add(token.strip());
                }
            }
        }
        return tokens;
    }
}
