package io.pqws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

/** The two shapes a report takes: {@link AlignedText} for people, {@link JsonText} for scripts. */
class ReportTextTest {

    @Test
    void alignedTextPadsEachLabelToItsWidthAndEndsWithoutALineBreak() {
        String text = new AlignedText("connected to wss://host/", 10)
                .line("protocol", "TLSv1.3")
                .line("a label longer", "pushes its value")
                .toString();
        assertEquals("connected to wss://host/\n"
                + "  protocol   TLSv1.3\n"
                + "  a label longer pushes its value", text);
    }

    @Test
    void aHeadingAloneIsOneLine() {
        assertEquals("TLS probe of host:443", new AlignedText("TLS probe of host:443", 20).toString());
    }

    @Test
    void jsonTextIsOneCompactLineWithNullForAnAbsentValue() {
        JsonObjectBuilder json = Json.createObjectBuilder();
        JsonText.addNullable(json, "namedGroup", "X25519MLKEM768");
        JsonText.addNullable(json, "serverSubject", null);
        assertEquals("{\"namedGroup\":\"X25519MLKEM768\",\"serverSubject\":null}", JsonText.write(json.build()));
    }
}
