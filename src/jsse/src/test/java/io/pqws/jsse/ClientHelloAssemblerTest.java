package io.pqws.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLProtocolException;

import org.junit.jupiter.api.Test;

class ClientHelloAssemblerTest {

    private static final byte[] MESSAGE = ClientHelloBytes.tls13(Groups.X25519_MLKEM768, Groups.X25519);

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static String refusal(byte[] input) {
        return assertThrows(SSLProtocolException.class, () -> new ClientHelloAssembler().offer(ByteBuffer.wrap(input)))
                .getMessage();
    }

    @Test
    void oneRecordIsOneClientHello() throws Exception {
        byte[] record = ClientHelloBytes.record(MESSAGE);
        ClientHelloAssembler assembler = new ClientHelloAssembler();

        assertEquals(record.length, assembler.offer(ByteBuffer.wrap(record)));

        assertTrue(assembler.isComplete());
        assertArrayEquals(MESSAGE, bytes(assembler.message()));
        List<ByteBuffer> records = assembler.records();
        assertEquals(1, records.size());
        assertArrayEquals(record, bytes(records.get(0)));
    }

    @Test
    void anIncompleteRecordIsNotConsumed() throws Exception {
        byte[] record = ClientHelloBytes.record(MESSAGE);
        ClientHelloAssembler assembler = new ClientHelloAssembler();
        for (int length = 0; length < record.length; length++) {
            ByteBuffer partial = ByteBuffer.wrap(Arrays.copyOf(record, length));
            assertEquals(0, assembler.offer(partial), "underflow at " + length);
            assertEquals(0, partial.position(), "nothing consumed at " + length);
        }
        assertFalse(assembler.isComplete());
    }

    @Test
    void oneByteRecordsAreReassembledAndReframed() throws Exception {
        byte[] fragmented = TlsRecords.refragment(ClientHelloBytes.record(MESSAGE), 1);
        ByteBuffer in = ByteBuffer.wrap(fragmented);
        ClientHelloAssembler assembler = new ClientHelloAssembler();
        int records = 0;
        while (!assembler.isComplete()) {
            assertEquals(6, assembler.offer(in));
            records++;
        }

        assertEquals(MESSAGE.length, records);
        assertFalse(in.hasRemaining());
        assertArrayEquals(MESSAGE, bytes(assembler.message()));
        assertEquals(1, assembler.records().size(), "handed on as one record");
    }

    @Test
    void onlyTheFirstRecordIsTaken() throws Exception {
        byte[] record = ClientHelloBytes.record(MESSAGE);
        byte[] two = Arrays.copyOf(record, record.length * 2);
        System.arraycopy(record, 0, two, record.length, record.length);
        ByteBuffer in = ByteBuffer.wrap(two);

        assertEquals(record.length, new ClientHelloAssembler().offer(in));
        assertEquals(record.length, in.remaining());
    }

    @Test
    void aLargeClientHelloIsReframedWithinTheRecordLimit() throws Exception {
        byte[] large = ClientHelloBytes.message(ClientHelloBytes.TLS12, ClientHelloBytes.extensions(
                ClientHelloBytes.supportedVersions(ClientHelloBytes.TLS13),
                ClientHelloBytes.supportedGroups(Groups.X25519_MLKEM768),
                ClientHelloBytes.keyShare(20_000, Groups.X25519_MLKEM768)));
        ByteBuffer in = ByteBuffer.wrap(TlsRecords.refragment(ClientHelloBytes.record(large), 1000));
        ClientHelloAssembler assembler = new ClientHelloAssembler();
        while (!assembler.isComplete()) {
            assertTrue(assembler.offer(in) > 0);
        }

        List<ByteBuffer> records = assembler.records();
        assertEquals(2, records.size());
        assertTrue(records.stream().allMatch(r -> r.remaining() <= 5 + ClientHelloAssembler.MAX_FRAGMENT_LENGTH));
    }

    @Test
    void whatIsNotATlsClientHelloIsRefusedEarly() {
        assertTrue(refusal(new byte[] {(byte) 0x80}).contains("SSLv2"), "SSLv2-compatible hello, first byte");
        assertTrue(refusal("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII)).contains("content type 71"));
        assertTrue(refusal(new byte[] {23, 3, 3, 0, 1, 0}).contains("content type 23"));
        assertTrue(refusal(new byte[] {21, 3, 3, 0, 2, 1, 0}).contains("content type 21"));
        assertTrue(refusal(new byte[] {22, 2}).contains("major 2"));
        assertTrue(refusal(new byte[] {22, 3, 1, 0, 0}).contains("empty"));
        assertTrue(refusal(new byte[] {22, 3, 1, 0x40, 1}).contains("16385"));
        assertTrue(refusal(TlsRecords.record(22, 0x0301, new byte[] {2, 0, 0, 0})).contains("message type 2"));
        assertTrue(refusal(TlsRecords.record(22, 0x0301, new byte[] {1, 1, 0, 0})).contains("bytes (at most"));
    }
}
