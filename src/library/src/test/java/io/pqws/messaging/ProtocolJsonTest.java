package io.pqws.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import jakarta.websocket.DecodeException;

/**
 * The strict reading of client JSON that the abuse corpus asked for: trailing content, duplicate names and nesting
 * beyond the parser's limit are a bad payload (close 1007 with "malformed JSON"), never accepted and never an
 * unhandled exception. Each with a positive control.
 */
class ProtocolJsonTest {

    private final ChatCommandDecoder chat = new ChatCommandDecoder();
    private final PublishNotificationDecoder publish = new PublishNotificationDecoder();

    @Test
    void contentAfterTheValueIsMalformed() throws Exception {
        assertEquals(new ChatCommand.Say("a"), chat.decode(" {\"type\":\"say\",\"text\":\"a\"}\n "), "control");
        for (String bad : new String[] {"{\"type\":\"say\",\"text\":\"a\"} x", "{\"type\":\"typing\"}{}",
            "{\"type\":\"typing\"} 1", "{\"type\":\"typing\"}]"}) {
            DecodeException e = assertThrows(DecodeException.class, () -> chat.decode(bad), bad);
            assertEquals("malformed JSON", e.getMessage(), bad);
        }
    }

    @Test
    void aDuplicateNameIsMalformed() throws Exception {
        assertEquals(new ChatCommand.Leave(), chat.decode("{\"type\":\"leave\",\"text\":\"x\"}"), "control");
        DecodeException e = assertThrows(DecodeException.class,
                () -> chat.decode("{\"type\":\"say\",\"type\":\"leave\",\"text\":\"a\"}"));
        assertEquals("malformed JSON", e.getMessage());
        assertThrows(DecodeException.class,
                () -> publish.decode("{\"user\":\"CN=a\",\"user\":\"CN=b\",\"title\":\"t\"}"));
    }

    @Test
    void nestingBeyondTheParserLimitIsMalformedNotAnUnhandledException() throws Exception {
        String shallow = "{\"type\":\"say\",\"text\":\"a\",\"x\":" + "[".repeat(100) + "]".repeat(100) + "}";
        assertEquals(new ChatCommand.Say("a"), chat.decode(shallow), "control: 100 levels");
        for (String deep : new String[] {"[".repeat(2000) + "]".repeat(2000),
            "{\"type\":\"say\",\"text\":\"a\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
            "{\"a\":".repeat(3000) + "1" + "}".repeat(3000)}) {
            DecodeException e = assertThrows(DecodeException.class, () -> chat.decode(deep));
            assertEquals("malformed JSON", e.getMessage());
        }
    }

    @Test
    void emptyInputIsMalformed() {
        for (String bad : new String[] {"", "   ", "\uFEFF{\"type\":\"typing\"}"}) {
            DecodeException e = assertThrows(DecodeException.class, () -> chat.decode(bad), bad);
            assertEquals("malformed JSON", e.getMessage(), bad);
        }
    }
}
