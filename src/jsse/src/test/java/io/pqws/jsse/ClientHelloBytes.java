package io.pqws.jsse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import javax.net.ssl.SSLEngine;

/** Hand-built ClientHello messages and records, and real ones written by an engine. */
final class ClientHelloBytes {

    static final int TLS12 = 0x0303;
    static final int TLS13 = 0x0304;

    private ClientHelloBytes() {
    }

    /** A ClientHello handshake message (header included); {@code extensions == null} means no extensions block. */
    static byte[] message(int legacyVersion, byte[] extensions) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        u16(body, legacyVersion);
        body.writeBytes(new byte[32]); // random
        body.write(32);
        body.writeBytes(new byte[32]); // legacy_session_id
        u16(body, 4);
        u16(body, 0x1301);
        u16(body, 0x1302);
        body.write(1);
        body.write(0); // null compression
        if (extensions != null) {
            u16(body, extensions.length);
            body.writeBytes(extensions);
        }
        return handshake(1, body.toByteArray());
    }

    static byte[] handshake(int type, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        out.write(body.length >> 16);
        out.write(body.length >> 8);
        out.write(body.length);
        out.writeBytes(body);
        return out.toByteArray();
    }

    static byte[] extensions(byte[]... extensions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] extension : extensions) {
            out.writeBytes(extension);
        }
        return out.toByteArray();
    }

    static byte[] extension(int type, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u16(out, type);
        u16(out, data.length);
        out.writeBytes(data);
        return out.toByteArray();
    }

    static byte[] supportedGroups(int... groups) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u16(out, groups.length * 2);
        for (int group : groups) {
            u16(out, group);
        }
        return extension(10, out.toByteArray());
    }

    static byte[] supportedVersions(int... versions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(versions.length * 2);
        for (int version : versions) {
            u16(out, version);
        }
        return extension(43, out.toByteArray());
    }

    /** A key_share extension with a dummy key of {@code keyLength} bytes per group. */
    static byte[] keyShare(int keyLength, int... groups) {
        ByteArrayOutputStream entries = new ByteArrayOutputStream();
        for (int group : groups) {
            u16(entries, group);
            u16(entries, keyLength);
            entries.writeBytes(new byte[keyLength]);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u16(out, entries.size());
        out.writeBytes(entries.toByteArray());
        return extension(51, out.toByteArray());
    }

    /** A TLS 1.3 ClientHello offering these groups, with a key share for the first one. */
    static byte[] tls13(int... groups) {
        return message(TLS12, extensions(supportedVersions(TLS13, TLS12), supportedGroups(groups),
                keyShare(32, groups[0])));
    }

    static byte[] record(byte[] message) {
        return TlsRecords.record(22, 0x0301, message);
    }

    /** The first flight an engine writes in client mode. */
    static byte[] firstFlight(SSLEngine client) throws Exception {
        ByteBuffer out = ByteBuffer.allocate(1 << 16);
        client.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        return bytes;
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        out.write(value >> 8);
        out.write(value);
    }
}
