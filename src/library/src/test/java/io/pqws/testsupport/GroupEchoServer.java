package io.pqws.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.jsse.BCSSLSocket;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

import io.pqws.tls.NamedGroups;
import io.pqws.tls.bc.BcNegotiatedGroupReader;

/**
 * A BCJSSE TLS 1.3 server on {@code 127.0.0.1}, port 0, that tells each client which key-exchange group its
 * handshake negotiated, as read on the server side by {@link BcNegotiatedGroupReader}.
 *
 * <p>Each connection: handshake with the named groups given here (set per socket with {@link BCSSLParameters}),
 * record the group in {@link #groups()} (or the failure in {@link #failures()}), then, if the client sends an HTTP/1.1
 * request, answer {@code GET /} with a page whose {@code <p id="group">} holds the group's name; a client that only
 * handshakes (openssl s_client) is simply closed. Bouncy Castle comes in as provider instances: no global state.
 */
public final class GroupEchoServer implements AutoCloseable {

    /** Id of the page element that holds the negotiated group. */
    public static final String GROUP_ELEMENT_ID = "group";

    private final String[] namedGroups;
    private final boolean needClientAuth;
    private final SSLServerSocket serverSocket;
    private final ExecutorService connections = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "group-echo-connection");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<SSLSocket> open = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<String> groups = new LinkedBlockingQueue<>();
    private final BlockingQueue<Exception> failures = new LinkedBlockingQueue<>();

    /**
     * @param credentials the server's certificate and key
     * @param clientTrust credentials whose certificate a client must present (client authentication required), or
     *        {@code null} for no client authentication
     * @param namedGroups the server's groups in preference order, e.g. {@code "X25519MLKEM768", "x25519"}
     */
    public GroupEchoServer(InMemoryCredentials credentials, InMemoryCredentials clientTrust, String... namedGroups)
            throws IOException, GeneralSecurityException {
        this.namedGroups = namedGroups.clone();
        this.needClientAuth = clientTrust != null;
        BouncyCastleJsseProvider jsse = new BouncyCastleJsseProvider(new BouncyCastleProvider());
        SSLContext context = SSLContext.getInstance("TLS", jsse);
        context.init(credentials.keyManagers("PKIX", jsse).getKeyManagers(),
                clientTrust == null ? null : clientTrust.trustManagers("PKIX", jsse).getTrustManagers(), null);
        serverSocket = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 16, InetAddress.getLoopbackAddress());
        connections.execute(this::acceptLoop);
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** The group of each completed handshake, by its standard name ({@link NamedGroups}), in completion order. */
    public BlockingQueue<String> groups() {
        return groups;
    }

    /** The exception of each handshake that failed on the server side. */
    public BlockingQueue<Exception> failures() {
        return failures;
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                SSLSocket socket = (SSLSocket) serverSocket.accept();
                open.add(socket);
                if (serverSocket.isClosed()) {
                    socket.close(); // accepted while close() ran: close() may have missed it
                    return;
                }
                connections.execute(() -> serve(socket));
            } catch (RejectedExecutionException | SocketException closed) {
                return; // close() closed the server socket
            } catch (IOException e) {
                failures.add(e);
            }
        }
    }

    private void serve(SSLSocket socket) {
        try (socket) {
            socket.setSoTimeout(15_000);
            socket.setEnabledProtocols(new String[] {"TLSv1.3"});
            socket.setNeedClientAuth(needClientAuth);
            BCSSLSocket bcSocket = (BCSSLSocket) socket;
            BCSSLParameters parameters = bcSocket.getParameters();
            parameters.setNamedGroups(namedGroups);
            bcSocket.setParameters(parameters);
            try {
                socket.startHandshake();
            } catch (IOException e) {
                failures.add(e);
                return;
            }
            String group = BcNegotiatedGroupReader.negotiatedGroup(socket).map(NamedGroups::nameOf).orElse("none");
            groups.add(group);
            String requestLine = readRequestHead(socket.getInputStream());
            if (requestLine != null) {
                respond(socket.getOutputStream(), requestLine, group);
            }
        } catch (IOException e) {
            // the client went away after its handshake (e.g. a browser's spare connection): nothing to report
        } finally {
            open.remove(socket);
        }
    }

    /** The request line of an HTTP/1.1 request head, or {@code null} if the client closed without sending one. */
    private static String readRequestHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r\n\r\n")) {
                return text.substring(0, text.indexOf("\r\n"));
            }
            if (head.size() > 16_384) {
                throw new IOException("request head too long");
            }
        }
        return null;
    }

    private static void respond(OutputStream out, String requestLine, String group) throws IOException {
        boolean root = requestLine.startsWith("GET / ");
        String body = root
                ? "<!doctype html><html><head><title>pqws group echo</title></head><body><p id=\""
                        + GROUP_ELEMENT_ID + "\">" + group + "</p></body></html>"
                : "";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = (root ? "HTTP/1.1 200 OK" : "HTTP/1.1 404 Not Found") + "\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n"
                + "Content-Length: " + bytes.length + "\r\n"
                + "Cache-Control: no-store\r\n"
                + "Connection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    /** Stops accepting, closes every open connection and waits (bounded) for the connection threads. */
    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (SSLSocket socket : open) {
            socket.close();
        }
        connections.shutdown();
        try {
            if (!connections.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("connection threads still running 10 s after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing", e);
        }
    }
}
