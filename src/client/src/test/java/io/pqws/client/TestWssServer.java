package io.pqws.client;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.jsse.BCSSLSocket;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

import io.pqws.tls.NamedGroups;
import io.pqws.tls.bc.BcNegotiatedGroupReader;

/**
 * A real wss peer in the test JVM: BCJSSE server sockets on 127.0.0.1:0 with per-socket named groups,
 * just enough HTTP for the RFC 6455 upgrade, and an echo of every frame (or a close right after the upgrade).
 *
 * <p>Each accepted connection is recorded as a {@link Accepted} (the group the server negotiated, the client's
 * principal, or the server-side handshake error), taken with bounded waits by the test thread.
 */
final class TestWssServer implements AutoCloseable {

    static final Provider JSSE = new BouncyCastleJsseProvider(new BouncyCastleProvider());
    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** What the server saw on one connection. */
    record Accepted(String namedGroup, String clientPrincipal, Exception handshakeError) {
    }

    private final ServerSocket serverSocket;
    private final SSLSocketFactory tls;
    private final List<String> groups;
    private final boolean needClientAuth;
    private final boolean mute;
    private final Integer closeCode;
    private final String closeReason;
    private final String refusal;
    private final boolean closeAtOnce;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "test-wss-server");
        thread.setDaemon(true);
        return thread;
    });
    private final BlockingQueue<Accepted> accepted = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> upgradeRequests = new LinkedBlockingQueue<>();

    private TestWssServer(KeyManagerFactory keys, TrustManagerFactory clientTrust, List<String> groups, boolean mute,
            Integer closeCode, String closeReason, String refusal, boolean closeAtOnce)
            throws GeneralSecurityException, IOException {
        if (keys == null) {
            this.tls = null;
        } else {
            SSLContext context = SSLContext.getInstance("TLS", JSSE);
            context.init(keys.getKeyManagers(), clientTrust == null ? null : clientTrust.getTrustManagers(), null);
            this.tls = context.getSocketFactory();
        }
        this.serverSocket = new ServerSocket(0, 8, InetAddress.getByName("127.0.0.1"));
        this.groups = groups;
        this.needClientAuth = clientTrust != null;
        this.mute = mute;
        this.closeCode = closeCode;
        this.closeReason = closeReason;
        this.refusal = refusal;
        this.closeAtOnce = closeAtOnce;
        threads.execute(this::acceptLoop);
    }

    /** An echo server offering these groups (in this order, but choosing in the client's order like BC does). */
    static TestWssServer echo(KeyManagerFactory keys, List<String> groups) throws Exception {
        return new TestWssServer(keys, null, groups, false, null, null, null, false);
    }

    /** An echo server that requires a client certificate trusted by {@code clientTrust}. */
    static TestWssServer echoWithClientAuth(KeyManagerFactory keys, TrustManagerFactory clientTrust,
            List<String> groups) throws Exception {
        return new TestWssServer(keys, clientTrust, groups, false, null, null, null, false);
    }

    /** A server that completes the upgrade and then closes with this code and reason. */
    static TestWssServer closingAfterUpgrade(KeyManagerFactory keys, List<String> groups, int code, String reason)
            throws Exception {
        return new TestWssServer(keys, null, groups, false, code, reason, null, false);
    }

    /**
     * A server that completes the upgrade, waits for the client's first message, then sends a close frame with this
     * code and reason and closes the connection at once, the frame and its TLS close_notify reaching the client in one TCP segment, as Undertow often sends them.
     */
    static TestWssServer closingAtOnceAfterUpgrade(KeyManagerFactory keys, List<String> groups, int code,
            String reason) throws Exception {
        return new TestWssServer(keys, null, groups, false, code, reason, null, true);
    }

    /** A plain ws:// echo server, without TLS. */
    static TestWssServer plainEcho() throws Exception {
        return new TestWssServer(null, null, List.of(), false, null, null, null, false);
    }

    /** A server that completes the TLS handshake and then never answers the HTTP upgrade. */
    static TestWssServer muteAfterTls(KeyManagerFactory keys, List<String> groups) throws Exception {
        return new TestWssServer(keys, null, groups, true, null, null, null, false);
    }

    /** A server that answers every upgrade request with this whole HTTP answer (head, blank line, body) instead. */
    static TestWssServer refusing(KeyManagerFactory keys, List<String> groups, String answer) throws Exception {
        return new TestWssServer(keys, null, groups, false, null, null, answer, false);
    }

    /**
     * A server that answers every upgrade request with this whole HTTP answer and closes the connection at once, the
     * answer and its TLS close_notify reaching the client in one TCP segment: what Undertow (WildFly) often sends when
     * it refuses an upgrade with {@code Connection: close}, and what Grizzly's TLS filter used to swallow whole.
     */
    static TestWssServer refusingAndClosing(KeyManagerFactory keys, List<String> groups, String answer)
            throws Exception {
        return new TestWssServer(keys, null, groups, false, null, null, answer, true);
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    String url(String host) {
        return (tls == null ? "ws://" : "wss://") + host + ":" + port() + "/pqws/echo";
    }

    /** The next connection the server saw; fails the test when none comes in time. */
    Accepted nextAccepted(Duration wait) throws InterruptedException {
        Accepted next = accepted.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("the server saw no connection within " + wait);
        }
        return next;
    }

    /** The head (request line and headers) of the next upgrade request the server answered. */
    String nextUpgradeRequest(Duration wait) throws InterruptedException {
        String next = upgradeRequests.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("the server answered no upgrade request within " + wait);
        }
        return next;
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket raw = serverSocket.accept();
                threads.execute(() -> serve(raw));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /**
     * TLS is layered over the accepted socket without auto-close, so that after a failed handshake the server can
     * close the way a careful server does (half-close, drain, close): an abortive close with the client's upgrade
     * request still unread would reset the connection and could discard the alert before the client reads it.
     */
    private void serve(Socket raw) {
        try (raw) {
            raw.setSoTimeout(15_000);
            if (tls == null) {
                accepted.add(new Accepted(null, null, null));
                exchange(raw.getInputStream(), raw.getOutputStream(), () -> { });
                return;
            }
            if (closeAtOnce) {
                serveThroughRelay(raw);
            } else {
                serveTls(raw, () -> { });
            }
        } catch (IOException | RuntimeException e) {
            // the client went away; the test asserts on what it saw
        }
    }

    /**
     * Serves TLS over a loopback pair whose other end relays to the client: what the server writes after
     * {@code cork} runs is held back and written to the client in one {@code write} when the server has closed.
     */
    private void serveThroughRelay(Socket raw) throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        AtomicBoolean corked = new AtomicBoolean();
        try (ServerSocket pair = new ServerSocket(0, 1, loopback);
                Socket inner = new Socket(loopback, pair.getLocalPort());
                Socket relay = pair.accept()) {
            threads.execute(() -> pump(raw, relay));
            Future<?> back = threads.submit(() -> holdBack(relay, raw, corked));
            serveTls(inner, () -> corked.set(true));
            inner.shutdownOutput(); // the relay then writes what it held back
            back.get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the relay did not finish", e);
        }
    }

    private static void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // either side went away
        }
    }

    private static Void holdBack(Socket from, Socket to, AtomicBoolean corked) throws IOException {
        ByteArrayOutputStream held = new ByteArrayOutputStream();
        byte[] chunk = new byte[16_384];
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        for (int n; (n = in.read(chunk)) >= 0;) {
            if (corked.get()) {
                held.write(chunk, 0, n);
            } else {
                out.write(chunk, 0, n);
            }
        }
        out.write(held.toByteArray()); // one write, one segment on loopback: the answer and close_notify together
        to.shutdownOutput();
        return null;
    }

    /** TLS layered over {@code transport} without auto-close (see {@link #serve}), then the exchange. */
    private void serveTls(Socket transport, Runnable cork) throws IOException {
        try (SSLSocket socket = (SSLSocket) tls.createSocket(transport, null, false)) {
            BCSSLSocket bc = (BCSSLSocket) socket;
            BCSSLParameters parameters = bc.getParameters();
            parameters.setNamedGroups(groups.toArray(String[]::new));
            parameters.setNeedClientAuth(needClientAuth);
            bc.setParameters(parameters);
            try {
                socket.startHandshake();
            } catch (IOException e) {
                accepted.add(new Accepted(null, null, e));
                closeGracefully(transport);
                return;
            }
            String group = BcNegotiatedGroupReader.negotiatedGroup(socket).map(NamedGroups::nameOf).orElse(null);
            String principal = null;
            try {
                principal = socket.getSession().getPeerPrincipal().getName();
            } catch (SSLPeerUnverifiedException noClientCertificate) {
                // no client authentication on this connection
            }
            accepted.add(new Accepted(group, principal, null));
            exchange(socket.getInputStream(), socket.getOutputStream(), cork);
        }
    }

    private void exchange(InputStream in, OutputStream out, Runnable cork) throws IOException {
        if (mute) {
            while (in.read() >= 0) {
                // swallow the upgrade request and wait for the client to give up
            }
            return;
        }
        if (refusal != null) {
            readHead(in);
            cork.run();
            out.write(refusal.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (closeAtOnce) {
                return; // closing the TLS socket sends close_notify right behind the answer
            }
            while (in.read() >= 0) {
                // leave the closing to the client, which may not have read the answer yet
            }
            return;
        }
        upgrade(in, out);
        if (closeCode != null) {
            if (closeAtOnce && readFrame(in) != null) {
                cork.run(); // the client's first message shows that it read the 101 before anything is held back
            }
            byte[] reason = closeReason.getBytes(StandardCharsets.UTF_8);
            byte[] payload = new byte[2 + reason.length];
            payload[0] = (byte) (closeCode >> 8);
            payload[1] = (byte) (int) closeCode;
            System.arraycopy(reason, 0, payload, 2, reason.length);
            writeFrame(out, 0x88, payload);
            if (closeAtOnce) {
                return; // closing the TLS socket sends close_notify right behind the close frame
            }
        }
        echo(in, out);
    }

    private static void closeGracefully(Socket raw) {
        try {
            raw.shutdownOutput();
            InputStream in = raw.getInputStream();
            while (in.read() >= 0) {
                // discard what the client still sends until it closes (bounded by the socket timeout)
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void upgrade(InputStream in, OutputStream out) throws IOException {
        String request = readHead(in);
        String key = null;
        String subprotocol = null;
        for (String line : request.split("\r\n")) {
            int colon = line.indexOf(':');
            String name = colon > 0 ? line.substring(0, colon).trim().toLowerCase(Locale.ROOT) : "";
            if (name.equals("sec-websocket-key")) {
                key = line.substring(colon + 1).trim();
            } else if (name.equals("sec-websocket-protocol") && subprotocol == null) {
                subprotocol = line.substring(colon + 1).split(",")[0].trim(); // choose the client's first
            }
        }
        if (key == null) {
            out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            throw new IOException("not a WebSocket upgrade: " + request);
        }
        String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept(key) + "\r\n"
                + (subprotocol == null ? "" : "Sec-WebSocket-Protocol: " + subprotocol + "\r\n") + "\r\n";
        upgradeRequests.add(request);
        out.write(response.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** RFC 6455 section 4.2.2: base64(SHA-1(key + GUID)). */
    static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed before the end of the HTTP request");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > 16_384) {
                throw new IOException("HTTP request head too large");
            }
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** Echoes every data frame unmasked (fragments keep their FIN bit and opcode) until the client's close. */
    /** One frame from the client: its first byte and its unmasked payload. */
    private record Frame(int first, byte[] payload) {
    }

    private static void echo(InputStream in, OutputStream out) throws IOException {
        for (Frame frame; (frame = readFrame(in)) != null;) {
            int opcode = frame.first() & 0x0F;
            if (opcode == 0x9) { // ping → pong
                writeFrame(out, 0x8A, frame.payload());
            } else if (opcode == 0x8) { // close → echo the close and stop
                try {
                    writeFrame(out, 0x88, frame.payload());
                } catch (SocketException alreadyClosed) {
                    // the client did not wait for our close frame
                }
                return;
            } else if (opcode != 0xA) {
                writeFrame(out, frame.first(), frame.payload());
            }
        }
    }

    /** The next frame, or null at the end of the stream. */
    private static Frame readFrame(InputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int second = readByte(in);
        long length = second & 0x7F;
        if (length == 126) {
            length = (readByte(in) << 8) | readByte(in);
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte(in);
            }
        }
        if (length > 1 << 20) {
            throw new IOException("frame too large for the test server: " + length);
        }
        byte[] mask = (second & 0x80) != 0 ? in.readNBytes(4) : null;
        byte[] payload = in.readNBytes((int) length);
        if (payload.length != length) {
            throw new EOFException("truncated frame");
        }
        if (mask != null) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
        }
        return new Frame(first, payload);
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("truncated frame header");
        }
        return b;
    }

    private static void writeFrame(OutputStream out, int first, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 10);
        frame.write(first);
        if (payload.length < 126) {
            frame.write(payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        } else {
            frame.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift));
            }
        }
        frame.write(payload, 0, payload.length);
        out.write(frame.toByteArray());
        out.flush();
    }
}
