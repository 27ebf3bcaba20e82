package io.pqws.security;

import java.util.List;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * The handshake decisions every endpoint of the module shares: a foreign {@code Origin} is refused with 403 before
 * the upgrade (cross-site WebSocket hijacking), and of the offered subprotocols only {@link TicketCarrier#SUBPROTOCOL}
 * is ever chosen, so a ticket offered in the same list is never echoed back.
 *
 * <p>Endpoint instances still come from the container's default configurator, so they keep their CDI injection.
 */
public class HandshakeConfigurator extends ServerEndpointConfig.Configurator {

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return CDI.current().select(OriginGate.class).get().allows(originHeaderValue);
    }

    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        return supported.contains(TicketCarrier.SUBPROTOCOL) && requested.contains(TicketCarrier.SUBPROTOCOL)
                ? TicketCarrier.SUBPROTOCOL
                : "";
    }
}
