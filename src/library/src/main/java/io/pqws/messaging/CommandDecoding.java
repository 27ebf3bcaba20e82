package io.pqws.messaging;

import java.util.Optional;

import io.pqws.security.Closing;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.Session;

/**
 * Turns a session's text message into its command, or closes the session with the code the failure calls for: 1003
 * for a type the endpoint does not know ({@link UnsupportedMessageTypeException}), 1007 for anything malformed. Why
 * one place: the chat rooms and the notification center must answer bad input alike.
 */
final class CommandDecoding {

    private CommandDecoding() {
    }

    /** The decoded command, or empty when the session was closed because the text was not one. */
    static <T> Optional<T> decodeOrClose(Decoder.Text<T> decoder, Session session, String text) {
        try {
            return Optional.of(decoder.decode(text));
        } catch (UnsupportedMessageTypeException e) {
            Closing.close(session, CloseCodes.CANNOT_ACCEPT, e.getMessage());
        } catch (DecodeException e) {
            Closing.close(session, CloseCodes.NOT_CONSISTENT, e.getMessage());
        }
        return Optional.empty();
    }
}
