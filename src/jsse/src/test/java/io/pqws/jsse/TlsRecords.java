package io.pqws.jsse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test-side reading and rewriting of TLS records, independent of the code under test. */
final class TlsRecords {

    /** RFC 8446 4.1.3: the ServerHello.random that marks a HelloRetryRequest. */
    private static final byte[] HRR_RANDOM = hex(
            "CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    record Record(int type, int version, byte[] fragment) {
    }

    /** What the plaintext ServerHello messages of a server transcript say. */
    record ServerHellos(boolean helloRetryRequest, int selectedGroup) {
    }

    private TlsRecords() {
    }

    static List<Record> parse(byte[] stream) {
        List<Record> records = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(stream);
        while (in.remaining() >= 5) {
            int type = in.get() & 0xFF;
            int version = in.getShort() & 0xFFFF;
            int length = in.getShort() & 0xFFFF;
            byte[] fragment = new byte[Math.min(length, in.remaining())];
            in.get(fragment);
            records.add(new Record(type, version, fragment));
        }
        return records;
    }

    /** The same stream with every handshake record's fragment cut into records of at most {@code size} bytes. */
    static byte[] refragment(byte[] stream, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Record record : parse(stream)) {
            if (record.type() != 22) {
                write(out, record.type(), record.version(), record.fragment());
                continue;
            }
            for (int offset = 0; offset < record.fragment().length; offset += size) {
                write(out, 22, record.version(),
                        Arrays.copyOfRange(record.fragment(), offset, Math.min(record.fragment().length, offset + size)));
            }
        }
        return out.toByteArray();
    }

    static byte[] record(int type, int version, byte[] fragment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, type, version, fragment);
        return out.toByteArray();
    }

    /**
     * Reads the plaintext ServerHello / HelloRetryRequest messages a server sent (TLS 1.3 encrypts everything after
     * the ServerHello) and returns the group of the final ServerHello's key share.
     */
    static ServerHellos serverHellos(byte[] serverToClient) {
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        for (Record record : parse(serverToClient)) {
            if (record.type() == 22) {
                handshake.writeBytes(record.fragment());
            }
        }
        ByteBuffer in = ByteBuffer.wrap(handshake.toByteArray());
        boolean retry = false;
        int group = -1;
        while (in.remaining() >= 4) {
            int type = in.get() & 0xFF;
            int length = ((in.get() & 0xFF) << 16) | (in.getShort() & 0xFFFF);
            ByteBuffer body = in.slice();
            body.limit(length);
            in.position(in.position() + length);
            if (type != 2) {
                continue;
            }
            body.getShort();
            byte[] random = new byte[32];
            body.get(random);
            boolean isRetry = Arrays.equals(random, HRR_RANDOM);
            retry |= isRetry;
            int sessionIdLength = body.get() & 0xFF;
            body.position(body.position() + sessionIdLength + 3); // session id, cipher suite, compression
            int extensionsLength = body.getShort() & 0xFFFF;
            int extensionsEnd = body.position() + extensionsLength;
            while (body.position() < extensionsEnd) {
                int extensionType = body.getShort() & 0xFFFF;
                int extensionLength = body.getShort() & 0xFFFF;
                int next = body.position() + extensionLength;
                if (extensionType == 51 && !isRetry) {
                    group = body.getShort() & 0xFFFF;
                }
                body.position(next);
            }
        }
        return new ServerHellos(retry, group);
    }

    private static void write(ByteArrayOutputStream out, int type, int version, byte[] fragment) {
        out.write(type);
        out.write(version >> 8);
        out.write(version);
        out.write(fragment.length >> 8);
        out.write(fragment.length);
        out.writeBytes(fragment);
    }

    static byte[] hex(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
