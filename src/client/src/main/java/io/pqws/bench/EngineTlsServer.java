package io.pqws.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.BCSSLParameters;

/**
 * A TLS server inside the benchmark's own JVM that handshakes through {@link SSLEngine}s, as Grizzly and Undertow
 * do, with blocking sockets and one thread per connection from a fixed set: the smallest server that exercises the
 * engine path the PQWS provider wraps, and nothing a container adds.
 *
 * <p>Why in process: it isolates what the PQWS provider's observation costs per handshake. Its CPU time is the
 * summed CPU time of its own threads ({@link ThreadMXBean}), so the client sharing the JVM is not counted.
 */
final class EngineTlsServer implements BenchServer {

    /** The groups every BCJSSE server engine offers, in its order of preference (SunJSSE: the JDK's defaults). */
    private static final String[] GROUPS = {"X25519MLKEM768", "x25519", "secp256r1"};

    private final String name;
    private final SSLContext context;
    private final ServerSocket listener;
    private final List<Thread> workers = new ArrayList<>();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean closed;

    private EngineTlsServer(String name, SSLContext context, int threadCount) throws IOException {
        this.name = name;
        this.context = context;
        this.listener = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
        for (int i = 0; i < threadCount; i++) {
            Thread worker = new Thread(this::serve, "bench-" + name + "-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /**
     * Starts a server whose SSLContext comes from {@code provider} (BCJSSE or SunJSSE itself, or the PQWS provider
     * over either), presenting the key in {@code keys} through {@code keyProvider}'s PKIX key managers.
     */
    static EngineTlsServer start(String name, Provider provider, Provider keyProvider, KeyStore keys, char[] password,
            int threadCount) throws IOException, GeneralSecurityException {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("PKIX", keyProvider);
        keyManagers.init(keys, password);
        SSLContext context = SSLContext.getInstance("TLS", provider);
        context.init(keyManagers.getKeyManagers(), null, null);
        return new EngineTlsServer(name, context, threadCount);
    }

    private void serve() {
        while (!closed) {
            try (Socket socket = listener.accept()) {
                handshake(socket);
            } catch (SocketException e) {
                if (!closed) {
                    failures.incrementAndGet();
                }
            } catch (IOException | RuntimeException e) {
                failures.incrementAndGet();
            }
        }
    }

    /** One full server handshake, then close_notify; the client closes right after its handshake. */
    private void handshake(Socket socket) throws IOException {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        if (engine instanceof BCSSLEngine bc) {
            BCSSLParameters parameters = bc.getParameters();
            parameters.setNamedGroups(GROUPS);
            bc.setParameters(parameters);
        }
        int packet = engine.getSession().getPacketBufferSize();
        ByteBuffer netIn = ByteBuffer.allocate(packet);
        ByteBuffer netOut = ByteBuffer.allocate(packet);
        ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        engine.beginHandshake();
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    netIn.flip();
                    SSLEngineResult result = engine.unwrap(netIn, app);
                    netIn.compact();
                    app.clear();
                    if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW && !read(in, netIn)) {
                        return; // the client went away
                    }
                    if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                        return;
                    }
                }
                case NEED_WRAP -> {
                    netOut.clear();
                    SSLEngineResult result = engine.wrap(ByteBuffer.allocate(0), netOut);
                    out.write(netOut.array(), 0, netOut.position());
                    if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                        return;
                    }
                }
                case NEED_TASK -> {
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                }
                default -> {
                    engine.closeOutbound();
                    netOut.clear();
                    try {
                        engine.wrap(ByteBuffer.allocate(0), netOut);
                        out.write(netOut.array(), 0, netOut.position());
                    } catch (SSLException | SocketException clientGone) {
                        // the client may close first: its handshake is done, so is ours
                    }
                    return;
                }
            }
        }
    }

    private static boolean read(InputStream in, ByteBuffer into) throws IOException {
        int n = in.read(into.array(), into.arrayOffset() + into.position(), into.remaining());
        if (n < 0) {
            return false;
        }
        into.position(into.position() + n);
        return true;
    }

    /** Connections that failed on the server side so far (the report shows them if any). */
    long failures() {
        return failures.get();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int httpsPort() {
        return listener.getLocalPort();
    }

    @Override
    public int httpPort() {
        return -1;
    }

    @Override
    public long cpuNanos() {
        long total = 0;
        for (Thread worker : workers) {
            long nanos = threads.getThreadCpuTime(worker.getId());
            total += Math.max(0, nanos);
        }
        return total;
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            System.err.println("bench: could not close " + name + ": " + e.getMessage());
        }
    }
}
