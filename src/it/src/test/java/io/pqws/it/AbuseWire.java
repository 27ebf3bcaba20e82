package io.pqws.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A byte-level client of the server's HTTPS port for the abuse corpus: it writes whatever request head and frames a
 * case says, however wrong (unmasked, reserved bits, bad lengths), and reads back what the server answered: an HTTP
 * head and body, frames, or the end of the connection. Only {@link #frame} builds frames; it never validates.
 */
final class AbuseWire implements AutoCloseable {

    /** A frame the server sent; {@code opcode} 8 is a close frame. */
    record Frame(int opcode, byte[] payload) {

        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }

        String text() {
            int from = opcode == 0x8 ? Math.min(2, payload.length) : 0;
            return new String(payload, from, payload.length - from, StandardCharsets.UTF_8);
        }
    }

    /** The server's answer to the request head. */
    record HttpAnswer(int status, String head, String body) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private AbuseWire(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = socket.getOutputStream();
    }

    /** A TLS connection to the server's HTTPS port, handshake done (a refused handshake throws). */
    static AbuseWire tls(SSLContext context, Duration wait) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        try {
            socket.connect(new InetSocketAddress("localhost", PqwsServer.httpsPort()), (int) wait.toMillis());
            socket.setSoTimeout((int) wait.toMillis());
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName("localhost")));
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return new AbuseWire(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** A plain TCP connection to the HTTPS port, for hand-written TLS records. */
    static AbuseWire tcp(Duration wait) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("localhost", PqwsServer.httpsPort()), (int) wait.toMillis());
            socket.setSoTimeout((int) wait.toMillis());
            return new AbuseWire(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * The request could not be sent in full: the server ended the connection while the client was still writing it
     * (it refuses an oversized head without reading the rest, and its answer may be lost with the reset).
     */
    static final class RequestCutOff extends IOException {
        private static final long serialVersionUID = 1L;

        RequestCutOff(IOException cause) {
            super("the server ended the connection while the request was being sent: " + cause, cause);
        }
    }

    /**
     * Sends the head and reads the answer's head, and for anything but 101 its body.
     *
     * @throws RequestCutOff when the connection ended before the head was sent in full
     */
    HttpAnswer request(String head) throws IOException {
        try {
            write(head.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new RequestCutOff(e);
        }
        String answer = readHead();
        String[] statusLine = answer.split("\r\n", 2)[0].split(" ", 3);
        int status = statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : -1;
        if (status == 101) {
            return new HttpAnswer(status, answer, "");
        }
        return new HttpAnswer(status, answer, readBody(answer));
    }

    /**
     * The next frame, or empty when the connection ended (or, with {@code quiet} true, when nothing arrived within
     * the read timeout).
     */
    Optional<Frame> nextFrame(boolean quiet) throws IOException {
        int first;
        try {
            first = in.readUnsignedByte();
        } catch (EOFException | SocketException | SSLException ended) {
            return Optional.empty();
        } catch (SocketTimeoutException timeout) {
            if (quiet) {
                return Optional.empty();
            }
            throw timeout;
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
        return Optional.of(new Frame(first & 0x0F, payload));
    }

    /** Reads up to {@code max} bytes of whatever the server sends, until it ends the connection. */
    byte[] readUpTo(int max) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[512];
        try {
            int n;
            while (read.size() < max && (n = in.read(buffer)) > 0) {
                read.write(buffer, 0, n);
            }
        } catch (SocketException | SSLException ended) {
            // a reset ends what the server said
        }
        return read.toByteArray();
    }

    void setReadTimeout(Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
    }

    /** Whether the connection is still open from here (the server may still have ended it unseen). */
    boolean stillOpen() {
        return !socket.isClosed() && !socket.isInputShutdown();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to say to a server that is gone
        }
    }

    /**
     * A frame exactly as described: opcode, FIN, RSV bits (0-7), masking and a declared length (unsigned, so a
     * length with the most significant bit set, which RFC 6455 forbids, can be written too).
     */
    static byte[] frame(int opcode, boolean fin, int rsv, boolean masked, long declaredLength, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | (rsv & 0x7) << 4 | opcode & 0x0F);
        int mask = masked ? 0x80 : 0;
        if (Long.compareUnsigned(declaredLength, 126) < 0) {
            frame.write(mask | (int) declaredLength);
        } else if (Long.compareUnsigned(declaredLength, 65_536) < 0) {
            frame.write(mask | 126);
            frame.write((int) (declaredLength >> 8));
            frame.write((int) declaredLength);
        } else {
            frame.write(mask | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (declaredLength >>> shift));
            }
        }
        if (masked) {
            byte[] key = new byte[4];
            RANDOM.nextBytes(key);
            frame.writeBytes(key);
            byte[] maskedPayload = new byte[payload.length];
            for (int i = 0; i < payload.length; i++) {
                maskedPayload[i] = (byte) (payload[i] ^ key[i % 4]);
            }
            frame.writeBytes(maskedPayload);
        } else {
            frame.writeBytes(payload);
        }
        return frame.toByteArray();
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection ended without an HTTP answer: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private String readBody(String head) throws IOException {
        String lower = head.toLowerCase(Locale.ROOT);
        int at = lower.indexOf("\r\ncontent-length:");
        if (at >= 0) {
            int end = lower.indexOf("\r\n", at + 2);
            int length = Integer.parseInt(lower.substring(at + 17, end).strip());
            byte[] body = new byte[length];
            in.readFully(body);
            return new String(body, StandardCharsets.UTF_8);
        }
        if (lower.contains("\r\nconnection: close")) {
            return new String(readUpTo(1 << 20), StandardCharsets.UTF_8);
        }
        return "";
    }
}
