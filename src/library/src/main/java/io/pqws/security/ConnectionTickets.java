package io.pqws.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.pqws.config.PqwsSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Short-lived, single-use connection tickets: an authenticated REST call obtains one, and a browser presents it in
 * the WebSocket handshake (see {@link TicketCarrier}) instead of credentials it cannot send there.
 *
 * <p>Why tickets: a browser's {@code WebSocket} cannot set headers, and a credential in the URL ends up in logs and
 * history. A ticket is worth one connection within a short lifetime, so a leaked ticket is of little use: it is
 * refused once redeemed (replay) or expired. Tickets live in memory only; a restart invalidates them.
 */
@ApplicationScoped
public class ConnectionTickets {

    /** 256 random bits; base64url without padding, 43 characters, all valid in a subprotocol token. */
    private static final int TICKET_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration lifetime;
    private final int maxPending;

    /** A ticket as handed to its holder. */
    public record Issued(String ticket, String user, Instant expiresAt) {
    }

    private record Pending(String user, Instant expiresAt) {
    }

    /** Why a ticket could not be issued: too many are outstanding. */
    public static final class TooManyTicketsException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        TooManyTicketsException(int max) {
            super("too many unredeemed connection tickets (" + max + "); try again shortly");
        }
    }

    /** For the CDI proxy only. */
    protected ConnectionTickets() {
        this(Clock.systemUTC(), Duration.ZERO, 0);
    }

    @Inject
    public ConnectionTickets(PqwsSettings settings) {
        this(Clock.systemUTC(), settings.access().ticketLifetime(), settings.access().maxPendingTickets());
    }

    ConnectionTickets(Clock clock, Duration lifetime, int maxPending) {
        this.clock = clock;
        this.lifetime = lifetime;
        this.maxPending = maxPending;
    }

    /** A new ticket for the user (canonical name). */
    public Issued issue(String user) {
        Instant now = clock.instant();
        if (pending.size() >= maxPending) {
            pending.values().removeIf(p -> !p.expiresAt().isAfter(now));
            if (pending.size() >= maxPending) {
                throw new TooManyTicketsException(maxPending);
            }
        }
        byte[] bytes = new byte[TICKET_BYTES];
        random.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expiresAt = now.plus(lifetime);
        pending.put(ticket, new Pending(user, expiresAt));
        return new Issued(ticket, user, expiresAt);
    }

    /**
     * The user of a ticket, exactly once and only before it expires; empty for an unknown, expired or already
     * redeemed ticket (the three are not told apart to the client).
     */
    public Optional<String> redeem(String ticket) {
        Pending redeemed = ticket == null ? null : pending.remove(ticket);
        if (redeemed == null || !redeemed.expiresAt().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(redeemed.user());
    }
}
