package io.pqws.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * Hand-built ClientHello records, for protocol versions, cipher suites and signature algorithms no JDK client offers
 * any more (or, on JDK 17, cannot be told to offer alone). Used by the abuse corpus ({@code hello} steps) and by
 * {@link Tls12Suites}.
 */
final class ClientHellos {

    /** {@code ecdsa_secp256r1_sha256}, the dev PKI's certificate signature: the default signature algorithms. */
    private static final String ECDSA_P256_SHA256 = "0403";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClientHellos() {
    }

    /**
     * {@code VERSION SUITES [SIGNATURES [SIGNATURES_CERT]]}: the ClientHello's version in hex ({@code 0301} TLS 1.0,
     * {@code 0302} TLS 1.1, {@code 0300} SSL 3.0, {@code 0303} TLS 1.2) and its cipher suites in hex,
     * comma-separated; extensions as a TLS 1.2 client sends them (server name, groups x25519 and P-256, point
     * formats, signature algorithms). {@code SIGNATURES} replaces the signature algorithms ({@code 0403,0804,0401}
     * unless given; hex, comma-separated, e.g. {@code 0203} ecdsa_sha1), and {@code SIGNATURES_CERT} adds a
     * {@code signature_algorithms_cert} extension: with it, a server may find its certificate chain acceptable while
     * the handshake signature is limited to {@code SIGNATURES}.
     */
    static byte[] fromNotation(String notation) {
        String[] parts = notation.split(" ");
        int version = Integer.parseInt(parts[0], 16);
        String[] suites = parts[1].split(",");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        u16(body, version);
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        body.writeBytes(random);
        body.write(0); // no session id
        u16(body, suites.length * 2);
        for (String suite : suites) {
            u16(body, Integer.parseInt(suite, 16));
        }
        body.write(1);
        body.write(0); // null compression
        ByteArrayOutputStream extensions = new ByteArrayOutputStream();
        byte[] host = "localhost".getBytes(StandardCharsets.US_ASCII);
        extension(extensions, 0x0000, concat(u16(host.length + 3), new byte[] {0}, u16(host.length), host));
        extension(extensions, 0x000A, concat(u16(4), u16(0x001D), u16(0x0017)));
        extension(extensions, 0x000B, new byte[] {1, 0});
        extension(extensions, 0x000D, list(parts.length > 2 ? parts[2] : ECDSA_P256_SHA256 + ",0804,0401"));
        if (parts.length > 3) {
            extension(extensions, 0x0032, list(parts[3]));
        }
        u16(body, extensions.size());
        body.writeBytes(extensions.toByteArray());
        byte[] hello = body.toByteArray();
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        handshake.write(1);
        handshake.write(hello.length >> 16);
        handshake.write(hello.length >> 8);
        handshake.write(hello.length);
        handshake.writeBytes(hello);
        byte[] message = handshake.toByteArray();
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(0x16);
        u16(record, Math.min(version, 0x0301));
        u16(record, message.length);
        record.writeBytes(message);
        return record.toByteArray();
    }

    /**
     * Sends the ClientHello of {@code notation} to localhost:{@code port} and says how the server answered:
     * {@code ServerHello}, {@code alert N} or {@code ended after N bytes}.
     */
    static String answer(int port, String notation, Duration wait) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), (int) wait.toMillis());
            socket.setSoTimeout((int) wait.toMillis());
            socket.getOutputStream().write(fromNotation(notation));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            return describe(in.readNBytes(7));
        }
    }

    /** The first bytes of a server's answer to a ClientHello, described as in {@link #answer}. */
    static String describe(byte[] answer) {
        if (answer.length >= 7 && answer[0] == 0x15) {
            return "alert " + (answer[6] & 0xFF);
        }
        return isServerHello(answer) ? "ServerHello" : "ended after " + answer.length + " bytes";
    }

    static boolean isServerHello(byte[] answer) {
        return answer.length >= 6 && answer[0] == 0x16 && answer[5] == 0x02;
    }

    private static byte[] list(String hexCodes) {
        String[] codes = hexCodes.split(",");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u16(out, codes.length * 2);
        for (String code : codes) {
            u16(out, Integer.parseInt(code, 16));
        }
        return out.toByteArray();
    }

    private static void extension(ByteArrayOutputStream out, int type, byte[] data) {
        u16(out, type);
        u16(out, data.length);
        out.writeBytes(data);
    }

    private static byte[] u16(int value) {
        return new byte[] {(byte) (value >> 8), (byte) value};
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        out.writeBytes(u16(value));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
