package io.pqws.jsse;

import static io.pqws.jsse.ClientHelloBytes.TLS12;
import static io.pqws.jsse.ClientHelloBytes.TLS13;
import static io.pqws.jsse.ClientHelloBytes.extension;
import static io.pqws.jsse.ClientHelloBytes.extensions;
import static io.pqws.jsse.ClientHelloBytes.keyShare;
import static io.pqws.jsse.ClientHelloBytes.message;
import static io.pqws.jsse.ClientHelloBytes.supportedGroups;
import static io.pqws.jsse.ClientHelloBytes.supportedVersions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLProtocolException;

import org.junit.jupiter.api.Test;

class ClientHelloParserTest {

    private static ClientHello parse(byte[] message) throws SSLProtocolException {
        return ClientHelloParser.parse(ByteBuffer.wrap(message));
    }

    private static String rejection(byte[] message) {
        return assertThrows(SSLProtocolException.class, () -> parse(message)).getMessage();
    }

    @Test
    void readsVersionsGroupsAndKeyShares() throws Exception {
        ClientHello hello = parse(message(TLS12, extensions(
                extension(0, new byte[] {0, 0}),
                supportedVersions(0x7A7A, TLS13, TLS12),
                supportedGroups(0x0A0A, Groups.X25519, Groups.X25519_MLKEM768, Groups.SECP256R1),
                keyShare(32, Groups.X25519),
                extension(0xFF01, new byte[] {0}))));

        assertEquals(TLS12, hello.legacyVersion());
        assertEquals(List.of(0x7A7A, TLS13, TLS12), hello.supportedVersions());
        assertTrue(hello.offersTls13());
        assertEquals(List.of(0x0A0A, Groups.X25519, Groups.X25519_MLKEM768, Groups.SECP256R1), hello.supportedGroups());
        assertEquals(List.of(Groups.X25519), hello.keyShareGroups());
    }

    @Test
    void anEmptyKeyShareListIsLegal() throws Exception {
        ClientHello hello = parse(message(TLS12, extensions(supportedVersions(TLS13), supportedGroups(Groups.X25519),
                extension(51, new byte[] {0, 0}))));

        assertEquals(List.of(), hello.keyShareGroups());
    }

    @Test
    void aHelloWithoutExtensionsOffersNothing() throws Exception {
        ClientHello hello = parse(message(0x0301, null));

        assertEquals(0x0301, hello.legacyVersion());
        assertEquals(List.of(), hello.supportedVersions());
        assertEquals(List.of(), hello.supportedGroups());
        assertFalse(hello.offersTls13());
    }

    @Test
    void readsWhatRealClientsWrite() throws Exception {
        SSLEngine bc = TestPki.bcClient(new String[] {"X25519MLKEM768", "x25519", "secp256r1"});
        ClientHello fromBc = firstClientHello(ClientHelloBytes.firstFlight(bc));
        assertEquals(List.of(Groups.X25519_MLKEM768, Groups.X25519, Groups.SECP256R1), fromBc.supportedGroups());
        assertEquals(List.of(Groups.X25519), fromBc.keyShareGroups(), "BCJSSE's default early key share");
        assertTrue(fromBc.offersTls13());

        SSLEngine sun = TestPki.sunClientContext().createSSLEngine("localhost", 443);
        sun.setUseClientMode(true);
        ClientHello fromSun = firstClientHello(ClientHelloBytes.firstFlight(sun));
        assertTrue(fromSun.supportedGroups().contains(Groups.X25519));
        assertFalse(fromSun.supportedGroups().stream().anyMatch(Groups::isHybrid), "JDK 17 has no ML-KEM");
        assertTrue(fromSun.offersTls13());
    }

    @Test
    void readsWhatTheFingerprintNeedsAndIgnoresAnUnreadableAlpn() throws Exception {
        byte[] alpn = {0, 12, 2, 'h', '2', 8, 'h', 't', 't', 'p', '/', '1', '.', '1'};
        byte[] signatures = {0, 4, 0x04, 0x03, 0x08, 0x04};
        ClientHello hello = parse(message(TLS12, extensions(supportedVersions(TLS13), extension(16, alpn),
                extension(13, signatures))));
        assertEquals(List.of(0x1301, 0x1302), hello.cipherSuites());
        assertEquals(List.of(43, 16, 13), hello.extensionTypes());
        assertEquals("h2", hello.firstAlpn());
        assertEquals(List.of(0x0403, 0x0804), hello.signatureAlgorithms());

        ClientHello unreadable = parse(message(TLS12, extensions(supportedVersions(TLS13),
                extension(16, new byte[] {0, 9, 2, 'h'}))));
        assertEquals(null, unreadable.firstAlpn(), "a fingerprint detail, never a reason to refuse");
        assertEquals(List.of(43, 16), unreadable.extensionTypes());
    }

    private static ClientHello firstClientHello(byte[] flight) throws Exception {
        ClientHelloAssembler assembler = new ClientHelloAssembler();
        ByteBuffer in = ByteBuffer.wrap(flight);
        while (!assembler.isComplete()) {
            assertTrue(assembler.offer(in) > 0);
        }
        return ClientHelloParser.parse(assembler.message());
    }

    @Test
    void everyTruncationIsRejected() {
        byte[] whole = ClientHelloBytes.tls13(Groups.X25519_MLKEM768, Groups.X25519);
        int compressionEnd = 4 + 2 + 32 + 1 + 32 + 2 + 4 + 1 + 1;
        for (int length = 0; length < whole.length; length++) {
            byte[] prefix = Arrays.copyOf(whole, length);
            assertThrows(SSLProtocolException.class, () -> parse(prefix), "prefix of " + length + " bytes");
            if (length >= 4) {
                // The same prefix, with a header that agrees with it.
                int bodyLength = length - 4;
                prefix[1] = (byte) (bodyLength >> 16);
                prefix[2] = (byte) (bodyLength >> 8);
                prefix[3] = (byte) bodyLength;
                if (length == compressionEnd) {
                    assertDoesNotThrowAndOffersNothing(prefix);
                } else {
                    assertThrows(SSLProtocolException.class, () -> parse(prefix), "consistent prefix " + length);
                }
            }
        }
    }

    private static void assertDoesNotThrowAndOffersNothing(byte[] message) {
        ClientHello hello = org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> parse(message));
        assertTrue(hello.supportedGroups().isEmpty() && hello.supportedVersions().isEmpty());
    }

    @Test
    void wrongLengthsAreRejected() {
        assertTrue(rejection(extended(extension(10, new byte[] {0, 3, 0, 0x1D, 0}))).contains("supported_groups"));
        assertTrue(rejection(extended(extension(10, new byte[] {0, 4, 0, 0x1D}))).contains("supported_groups"));
        assertTrue(rejection(extended(extension(10, new byte[] {0, 2, 0, 0x1D, 0, 0x17}))).contains("supported_groups"));
        assertTrue(rejection(extended(extension(10, new byte[] {0, 0}))).contains("supported_groups"));
        assertTrue(rejection(extended(extension(43, new byte[] {3, 3, 4, 3}))).contains("supported_versions"));
        assertTrue(rejection(extended(extension(43, new byte[] {2, 3, 4, 3, 3}))).contains("supported_versions"));
        assertTrue(rejection(extended(extension(51, new byte[] {0, 4, 0, 0x1D, 0, 0}))).contains("key_exchange"));
        assertTrue(rejection(extended(extension(51, new byte[] {0, 6, 0, 0x1D, 0, 5, 1, 2}))).contains("key_exchange"));
    }

    @Test
    void structuralErrorsAreRejected() {
        byte[] valid = ClientHelloBytes.tls13(Groups.X25519_MLKEM768);

        byte[] wrongType = valid.clone();
        wrongType[0] = 2;
        assertTrue(rejection(wrongType).contains("client_hello"));

        byte[] longerThanClaimed = Arrays.copyOf(valid, valid.length + 1);
        assertTrue(rejection(longerThanClaimed).contains("does not match"));

        byte[] longSessionId = valid.clone();
        longSessionId[4 + 2 + 32] = 33;
        assertTrue(rejection(longSessionId).contains("legacy_session_id"));

        byte[] oddCipherSuites = valid.clone();
        oddCipherSuites[4 + 2 + 32 + 1 + 32 + 1] = 3;
        assertTrue(rejection(oddCipherSuites).contains("cipher_suites"));

        byte[] noCompression = valid.clone();
        noCompression[4 + 2 + 32 + 1 + 32 + 2 + 4] = 0;
        assertThrows(SSLProtocolException.class, () -> parse(noCompression));

        byte[] duplicate = extended(extensions(supportedGroups(Groups.X25519), supportedGroups(Groups.X25519)));
        assertTrue(rejection(duplicate).contains("twice"));

        byte[] extensionBeyondBlock = extended(new byte[] {0, 10, 0, 9, 0, 2});
        assertTrue(rejection(extensionBeyondBlock).contains("remain"));
    }

    @Test
    void trailingBytesAfterTheExtensionsAreRejected() {
        byte[] message = message(TLS12, supportedGroups(Groups.X25519));
        byte[] body = Arrays.copyOfRange(message, 4, message.length + 2);
        assertTrue(rejection(ClientHelloBytes.handshake(1, body)).contains("after the extensions"));
    }

    /** Whatever the bytes, the parser answers with a ClientHello or an SSLProtocolException, nothing else. */
    @Test
    void randomCorruptionNeverEscapesAsAnotherException() {
        byte[] valid = ClientHelloBytes.tls13(Groups.X25519_MLKEM768, Groups.X25519, Groups.SECP256R1);
        Random random = new Random(20240611L);
        for (int round = 0; round < 20_000; round++) {
            byte[] mutated = valid.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            try {
                parse(mutated);
            } catch (SSLProtocolException expected) {
                // fine
            }
        }
    }

    private static byte[] extended(byte[] extensions) {
        return message(TLS12, extensions);
    }
}
