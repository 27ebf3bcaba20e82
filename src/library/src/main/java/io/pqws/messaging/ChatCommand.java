package io.pqws.messaging;

/**
 * What a client sends on {@code /chat/{room}} (joining is opening the connection). Decoded by
 * {@link ChatCommandDecoder}; see {@code docs/messaging.md} for the JSON.
 *
 * <p>No command names a sender: the server stamps every message with the session's authenticated principal, so a
 * client cannot speak as someone else (a {@code "sender"} field in a client message is ignored).
 */
public sealed interface ChatCommand permits ChatCommand.Say, ChatCommand.Typing, ChatCommand.Leave {

    /** {@code {"type":"say","text":"hello"}}: a message to everyone in the room. */
    record Say(String text) implements ChatCommand {
        public Say {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("\"text\" must not be empty");
            }
        }
    }

    /** {@code {"type":"typing"}}: tells the others this member is typing; not stored, not numbered. */
    record Typing() implements ChatCommand {
    }

    /** {@code {"type":"leave"}}: leaves the room; the server then closes the session with 1000. */
    record Leave() implements ChatCommand {
    }
}
