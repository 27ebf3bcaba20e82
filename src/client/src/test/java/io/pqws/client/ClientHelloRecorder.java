package io.pqws.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP relay on 127.0.0.1:0 in front of a TLS server that reads the client's plaintext handshake records and keeps,
 * for every ClientHello, the groups of its {@code key_share} extension (RFC 8446 section 4.2.8).
 *
 * <p>Why on the wire: the claim "the first ClientHello already carries the X25519MLKEM768 share, so there is no
 * HelloRetryRequest" is about bytes; a retry shows up here as a second ClientHello. Bytes are parsed before they are
 * forwarded, so by the time the handshake completes every ClientHello has been recorded.
 */
final class ClientHelloRecorder implements AutoCloseable {

    private static final int HANDSHAKE_RECORD = 22;
    private static final int CLIENT_HELLO = 1;
    private static final int KEY_SHARE_EXTENSION = 51;

    private final ServerSocket listener;
    private final int targetPort;
    private final List<List<Integer>> keyShares = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "client-hello-recorder");
        thread.setDaemon(true);
        return thread;
    });

    ClientHelloRecorder(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 8, InetAddress.getByName("127.0.0.1"));
        threads.execute(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The key share groups of each ClientHello seen so far, in order (two entries mean a HelloRetryRequest). */
    List<List<Integer>> clientHelloKeyShares() {
        return List.copyOf(keyShares);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getByName("127.0.0.1"), targetPort);
                sockets.add(client);
                sockets.add(server);
                RecordParser parser = new RecordParser();
                threads.execute(() -> pump(client, server, parser));
                threads.execute(() -> pump(server, client, null));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, RecordParser parser) {
        byte[] buffer = new byte[16_384];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (parser != null) {
                    parser.feed(buffer, n);
                }
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed; closing both ends the relay
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    /** Reassembles TLS records and handshake messages from the client's byte stream. */
    private final class RecordParser {
        private final ByteArrayOutputStream records = new ByteArrayOutputStream();
        private final ByteArrayOutputStream handshake = new ByteArrayOutputStream();

        void feed(byte[] bytes, int length) {
            records.write(bytes, 0, length);
            byte[] pending = records.toByteArray();
            int pos = 0;
            while (pending.length - pos >= 5) {
                int type = pending[pos] & 0xFF;
                int recordLength = u16(pending, pos + 3);
                if (pending.length - pos - 5 < recordLength) {
                    break;
                }
                if (type == HANDSHAKE_RECORD) {
                    handshake.write(pending, pos + 5, recordLength);
                    parseHandshakeMessages();
                }
                pos += 5 + recordLength;
            }
            records.reset();
            records.write(pending, pos, pending.length - pos);
        }

        private void parseHandshakeMessages() {
            byte[] pending = handshake.toByteArray();
            int pos = 0;
            while (pending.length - pos >= 4) {
                int type = pending[pos] & 0xFF;
                int length = ((pending[pos + 1] & 0xFF) << 16) | u16(pending, pos + 2);
                if (pending.length - pos - 4 < length) {
                    break;
                }
                if (type == CLIENT_HELLO) {
                    keyShares.add(keyShareGroups(pending, pos + 4, pos + 4 + length));
                }
                pos += 4 + length;
            }
            handshake.reset();
            handshake.write(pending, pos, pending.length - pos);
        }

        private List<Integer> keyShareGroups(byte[] hello, int start, int end) {
            int pos = start + 2 + 32; // legacy_version, random
            pos += 1 + (hello[pos] & 0xFF); // legacy_session_id
            pos += 2 + u16(hello, pos); // cipher_suites
            pos += 1 + (hello[pos] & 0xFF); // legacy_compression_methods
            int extensionsEnd = pos + 2 + u16(hello, pos);
            pos += 2;
            List<Integer> groups = new ArrayList<>();
            while (pos + 4 <= Math.min(extensionsEnd, end)) {
                int type = u16(hello, pos);
                int length = u16(hello, pos + 2);
                if (type == KEY_SHARE_EXTENSION) {
                    int share = pos + 6; // skip the client_shares length
                    while (share + 4 <= pos + 4 + length) {
                        groups.add(u16(hello, share));
                        share += 4 + u16(hello, share + 2);
                    }
                }
                pos += 4 + length;
            }
            return List.copyOf(groups);
        }
    }

    private static int u16(byte[] bytes, int pos) {
        return ((bytes[pos] & 0xFF) << 8) | (bytes[pos + 1] & 0xFF);
    }
}
