package io.pqws.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One complete WebSocket message received from the server: text or binary.
 *
 * <p>Why a sealed type: callers (the CLI, integration tests) must handle both kinds and the compiler checks that
 * they do; a text message never has to be guessed from bytes.
 */
public sealed interface WsMessage permits WsMessage.Text, WsMessage.Binary {

    /** A text message. */
    record Text(String text) implements WsMessage {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A binary message; the bytes are copied in and out so the message stays immutable. */
    record Binary(byte[] data) implements WsMessage {
        public Binary {
            data = Objects.requireNonNull(data, "data").clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        /** The bytes read as UTF-8, for echo servers and tests. */
        public String asUtf8() {
            return new String(data, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Binary && Arrays.equals(data, ((Binary) other).data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Binary[" + data.length + " bytes]";
        }
    }
}
