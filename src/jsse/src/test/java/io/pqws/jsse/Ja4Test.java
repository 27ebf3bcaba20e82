package io.pqws.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * JA4 as FoxIO's specification defines its TLS part, checked against the specification's own example (a Chrome
 * ClientHello: {@code t13d1516h2_8daaf6152771_e5627efa2ab1}), with GREASE values and a shuffled extension order added,
 * which must not change it.
 */
class Ja4Test {

    private static final List<Integer> CHROME_CIPHERS = List.of(0x1a1a, 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c,
            0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035);
    private static final List<Integer> CHROME_EXTENSIONS = List.of(0x0a0a, 0x0000, 0x0017, 0xff01, 0x000a, 0x000b,
            0x0023, 0x0010, 0x0005, 0x000d, 0x0012, 0x0033, 0x002d, 0x002b, 0x001b, 0x4469, 0x0015, 0xfafa);
    private static final List<Integer> CHROME_SIGNATURES = List.of(0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501,
            0x0806, 0x0601);

    private static ClientHello chrome(List<Integer> extensions) {
        return new ClientHello(0x0303, List.of(0x2a2a, 0x0304, 0x0303), List.of(0x11ec, 0x001d), List.of(0x11ec),
                CHROME_CIPHERS, extensions, "h2", CHROME_SIGNATURES);
    }

    @Test
    void theSpecificationsChromeExample() {
        assertEquals("t13d1516h2_8daaf6152771_e5627efa2ab1", Ja4.of(chrome(CHROME_EXTENSIONS)));
    }

    @Test
    void theExtensionOrderDoesNotCount() {
        List<Integer> shuffled = new ArrayList<>(CHROME_EXTENSIONS);
        Collections.reverse(shuffled);
        assertEquals(Ja4.of(chrome(CHROME_EXTENSIONS)), Ja4.of(chrome(shuffled)));
    }

    @Test
    void withoutServerNameAlpnOrSignaturesEachPartSaysSo() {
        ClientHello bare = new ClientHello(0x0303, List.of(), List.of(0x001d), List.of(), List.of(0xc02b),
                List.of(0x000a), null, List.of());
        String ja4 = Ja4.of(bare);
        assertTrue(ja4.startsWith("t12i010100_"), ja4);
        assertEquals("t12i010100_" + sha12("c02b") + "_" + sha12("000a"), ja4);
    }

    @Test
    void aNonAlphanumericAlpnIsGivenByItsHexDigits() {
        ClientHello odd = new ClientHello(0x0303, List.of(0x0304), List.of(), List.of(), List.of(0x1301),
                List.of(0x0010, 0x002b), "\u00ab\u00cd", List.of());
        assertTrue(Ja4.of(odd).startsWith("t13i0102ad_"), Ja4.of(odd));
    }

    @Test
    void greaseIsRecognised() {
        assertTrue(Ja4.isGrease(0x0a0a));
        assertTrue(Ja4.isGrease(0xfafa));
        assertFalse(Ja4.isGrease(0x0a1a));
        assertFalse(Ja4.isGrease(0x1301));
    }

    private static String sha12(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
