package io.pqws.security;

import jakarta.websocket.CloseReason;

/**
 * The module's own close codes (RFC 6455 reserves 4000–4999 for applications), for conditions no standard code
 * names. The standard ones the module uses: 1007 bad payload, 1003 unsupported message type, 1008 policy (rate,
 * sessions per user, bad room name), 1009 too big, 1011 internal error.
 */
public enum ModuleCloseCode implements CloseReason.CloseCode {

    /** The session did not read its messages fast enough and its outgoing queue overflowed. */
    SLOW_CONSUMER(4001),
    /** The chat room already has its maximum number of members. */
    ROOM_FULL(4002),
    /** The server already has its maximum number of chat rooms. */
    TOO_MANY_ROOMS(4003);

    private final int code;

    ModuleCloseCode(int code) {
        this.code = code;
    }

    @Override
    public int getCode() {
        return code;
    }
}
