package io.pqws.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A WebSocket client made of a bare TLS socket (the JDK's): it completes the upgrade and then reads only when told
 * to, so the server's sends back up exactly as they would for a client that stopped reading. Its receive buffer is
 * made as small as the kernel allows, so the back-up happens after little data.
 */
final class RawWebSocket implements AutoCloseable {

    /**
     * What the socket had received when the server ended the connection.
     *
     * @param closeFrame whether a close frame arrived; false when the connection simply ended (RFC 6455's 1006)
     */
    record Drained(int dataFrames, boolean closeFrame, int closeCode, String closeReason) {
    }

    private final SSLSocket socket;
    private final DataInputStream in;

    private RawWebSocket(SSLSocket socket, DataInputStream in) {
        this.socket = socket;
        this.in = in;
    }

    /** Connects with the user's client certificate and completes the upgrade to {@code path} of the Arquillian server. */
    static RawWebSocket open(String user, String path) throws Exception {
        return open(user, URI.create("wss://localhost:" + PqwsServer.httpsPort() + "/" + PqwsServer.CONTEXT + "/"
                + path));
    }

    /** Connects with the user's client certificate and completes the upgrade to {@code endpoint} (wss, localhost). */
    static RawWebSocket open(String user, URI endpoint) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(PqwsServer.trustStore());
        KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX");
        keys.init(PqwsServer.clientCertificate(user).keyStore(), PqwsServer.STORE_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        socket.setReceiveBufferSize(4096); // before connecting, so the TCP window stays small
        socket.connect(new InetSocketAddress("localhost", endpoint.getPort()), 10_000);
        // A bound on each read, longer than the tight container's idle timeout (10 s), which some tests wait out.
        socket.setSoTimeout(30_000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName("localhost")));
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.startHandshake();

        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        String request = "GET " + endpoint.getRawPath() + " HTTP/1.1\r\n"
                + "Host: localhost:" + endpoint.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64));
        String head = readHead(in);
        if (!head.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IllegalStateException("upgrade refused: " + head);
        }
        return new RawWebSocket(socket, in);
    }

    /** Reads everything the server sent until its close frame or the end of the connection. */
    Drained drainUntilClose() throws IOException {
        int frames = 0;
        while (true) {
            int first;
            try {
                first = in.readUnsignedByte();
            } catch (EOFException | java.net.SocketException ended) {
                return new Drained(frames, false, 1006, "");
            }
            int second = in.readUnsignedByte();
            long length = second & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[Math.toIntExact(length)];
            in.readFully(payload);
            int opcode = first & 0x0F;
            if (opcode == 0x8) {
                int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                String reason = payload.length > 2
                        ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
                return new Drained(frames, true, code, reason);
            }
            if (opcode == 0x1 || opcode == 0x2) {
                frames++;
            }
        }
    }

    /** Sends one masked text frame, as a client must. */
    void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        sendRaw(AbuseWire.frame(0x1, true, 0, true, payload.length, payload));
    }

    /** Writes bytes as they are, e.g. a frame cut in the middle. */
    void sendRaw(byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    /** Ends the connection abruptly: no close frame, no TLS close_notify, a TCP reset (linger 0). */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static String readHead(DataInputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        try {
            while (matched < end.length) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("connection closed during the upgrade: " + head);
                }
                head.write(b);
                matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("no upgrade response: " + head, e);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
