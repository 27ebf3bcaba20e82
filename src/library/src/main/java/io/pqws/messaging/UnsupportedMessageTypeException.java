package io.pqws.messaging;

import jakarta.websocket.DecodeException;

/**
 * A well-formed message of a type the endpoint does not know: closed with 1003 (unsupported data) rather than 1007
 * (bad payload), so a client can tell "you speak a newer protocol" from "you sent garbage".
 */
public class UnsupportedMessageTypeException extends DecodeException {

    private static final long serialVersionUID = 1L;

    public UnsupportedMessageTypeException(String data, String message) {
        super(data, message);
    }
}
