package io.pqws.bench;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A plain TCP socket that shows every byte it carries to a {@link HandshakeScanner}; a TLS socket is layered on top
 * ({@code SSLSocketFactory#createSocket(Socket, host, port, true)}), and both JSSE providers read and write through
 * this socket's streams.
 */
final class TappedSocket extends Socket {

    private final HandshakeScanner scanner = new HandshakeScanner();
    private InputStream in;
    private OutputStream out;

    HandshakeScanner scanner() {
        return scanner;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (in == null) {
            in = new FilterInputStream(super.getInputStream()) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        scanner.serverSent(new byte[] {(byte) b}, 0, 1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (n > 0) {
                        scanner.serverSent(buffer, offset, n);
                    }
                    return n;
                }
            };
        }
        return in;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        if (out == null) {
            out = new FilterOutputStream(super.getOutputStream()) {
                @Override
                public void write(int b) throws IOException {
                    scanner.clientSent(new byte[] {(byte) b}, 0, 1);
                    super.out.write(b);
                }

                @Override
                public void write(byte[] buffer, int offset, int length) throws IOException {
                    scanner.clientSent(buffer, offset, length);
                    super.out.write(buffer, offset, length);
                }
            };
        }
        return out;
    }
}
