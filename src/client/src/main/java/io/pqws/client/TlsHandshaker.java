package io.pqws.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;

import io.pqws.tls.NamedGroups;
import io.pqws.tls.bc.BcNegotiatedGroupReader;

/**
 * Performs raw TLS handshakes (no HTTP, no WebSocket) with a server, one {@link ClientHelloOffer} at a time, and says
 * what each one showed ({@link HandshakeOutcome}).
 *
 * <p>Why raw engines over a plain socket: a probe must control each ClientHello exactly (one group, one key share,
 * chosen signature schemes) and see the server's plaintext bytes before the engine does, to tell a HelloRetryRequest
 * or a resumption from a full handshake ({@link ServerHelloObserver}). The engine is BCJSSE on the client's private
 * provider ({@link BcTls}); the negotiated group is read by {@link BcNegotiatedGroupReader}.
 *
 * <p>One handshaker keeps one {@link SSLContext}, and with it Bouncy Castle's client session cache: a second
 * handshake to the same host and port offers the first one's session, which is how resumption is measured
 * ({@link ResumptionCheck}). Each handshake runs on the calling thread and is bounded by the timeout.
 */
public final class TlsHandshaker {

    private final SSLContext context;
    private final boolean verifyHostname;
    private final Duration timeout;
    private final Map<SSLEngine, X509Certificate[]> presentedChains = new ConcurrentHashMap<>();
    /** The server's session id of the last completed handshake, per host:port, to recognise a TLS 1.2 resumption. */
    private final Map<String, String> lastSessionIds = new ConcurrentHashMap<>();

    /**
     * @param trustStore trust anchors, or {@code null} for the JDK's default trust
     * @param trustAll   accept any server certificate (the chain is still reported): for probing servers whose CA
     *                   the operator does not have at hand
     * @param timeout    bound for the TCP connect and for each read of the handshake
     */
    public TlsHandshaker(KeyStore trustStore, boolean trustAll, Duration timeout) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX", BcTls.provider());
        factory.init(BcTls.withBcCertificates(trustStore));
        X509ExtendedTrustManager verifying = (X509ExtendedTrustManager) Arrays.stream(factory.getTrustManagers())
                .filter(X509ExtendedTrustManager.class::isInstance).findFirst()
                .orElseThrow(() -> new GeneralSecurityException("no X509 trust manager"));
        this.context = SSLContext.getInstance("TLS", BcTls.provider());
        this.context.init(null, new TrustManager[] {new ChainCapturingTrustManager(verifying, trustAll)}, null);
        this.verifyHostname = !trustAll;
        this.timeout = timeout;
    }

    /**
     * One full TLS handshake offering exactly {@code offer}; a server that refuses it (alert, reset, silence) is an
     * outcome, not an exception.
     *
     * @throws IOException only when no TCP connection can be made
     */
    public HandshakeOutcome handshake(String host, int port, ClientHelloOffer offer) throws IOException {
        SSLEngine engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        configure((BCSSLEngine) engine, offer);
        ServerHelloObserver wire = new ServerHelloObserver();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            long start = System.nanoTime();
            String failure = null;
            try {
                drive(engine, socket, wire);
            } catch (SSLException e) {
                failure = describe(e);
            } catch (EOFException e) {
                failure = "the server closed the connection during the handshake";
            } catch (SocketTimeoutException e) {
                failure = "no answer from the server within " + WssConnection.describe(timeout);
            } catch (IOException e) {
                // connected, then reset: a server's way of refusing, not a probe failure
                failure = "the connection failed during the handshake: " + Failures.innermostMessage(e);
            }
            long nanos = System.nanoTime() - start;
            return outcome(host + ":" + port, engine, wire, failure, nanos);
        } finally {
            presentedChains.remove(engine);
        }
    }

    private void configure(BCSSLEngine engine, ClientHelloOffer offer) {
        BCSSLParameters parameters = engine.getParameters();
        parameters.setProtocols(offer.protocols().toArray(String[]::new));
        parameters.setNamedGroups(offer.namedGroups().toArray(String[]::new));
        parameters.setEarlyKeyShares(offer.keyShares().toArray(String[]::new));
        if (!offer.signatureSchemes().isEmpty()) {
            parameters.setSignatureSchemes(offer.signatureSchemes().toArray(String[]::new));
        }
        parameters.setEndpointIdentificationAlgorithm(verifyHostname ? "HTTPS" : null);
        engine.setParameters(parameters);
    }

    /** Runs the client side of the handshake to its end, feeding every byte from the server past the observer. */
    private static void drive(SSLEngine engine, Socket socket, ServerHelloObserver wire) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        int packet = engine.getSession().getPacketBufferSize();
        ByteBuffer netIn = ByteBuffer.allocate(packet);
        ByteBuffer netOut = ByteBuffer.allocate(packet);
        ByteBuffer appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        ByteBuffer none = ByteBuffer.allocate(0);
        byte[] chunk = new byte[packet];
        engine.beginHandshake();
        HandshakeStatus status = engine.getHandshakeStatus();
        while (status != HandshakeStatus.FINISHED && status != HandshakeStatus.NOT_HANDSHAKING) {
            switch (status) {
                case NEED_WRAP -> {
                    netOut.clear();
                    SSLEngineResult result = engine.wrap(none, netOut);
                    out.write(netOut.array(), 0, netOut.position());
                    out.flush();
                    status = result.getHandshakeStatus();
                    if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLException("the engine closed during the handshake");
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    netIn.flip();
                    SSLEngineResult result = engine.unwrap(netIn, appIn);
                    netIn.compact();
                    status = result.getHandshakeStatus();
                    if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                        if (!netIn.hasRemaining()) {
                            ByteBuffer larger = ByteBuffer.allocate(netIn.capacity() * 2);
                            netIn.flip();
                            larger.put(netIn);
                            netIn = larger;
                        }
                        int read = in.read(chunk, 0, Math.min(chunk.length, netIn.remaining()));
                        if (read < 0) {
                            throw new EOFException();
                        }
                        wire.feed(chunk, 0, read);
                        netIn.put(chunk, 0, read);
                    } else if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                        appIn = ByteBuffer.allocate(appIn.capacity() * 2);
                    } else if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLException("the server closed the connection during the handshake");
                    }
                }
                case NEED_TASK -> {
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                    status = engine.getHandshakeStatus();
                }
                default -> throw new IllegalStateException("unexpected handshake status " + status);
            }
        }
        closeNotify(engine, out);
    }

    /** Ends the connection politely: a close_notify, so the server logs no broken connection. */
    private static void closeNotify(SSLEngine engine, OutputStream out) {
        try {
            engine.closeOutbound();
            ByteBuffer netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.wrap(ByteBuffer.allocate(0), netOut);
            out.write(netOut.array(), 0, netOut.position());
            out.flush();
        } catch (IOException e) {
            // the server already went away: nothing to tell it
        }
    }

    private HandshakeOutcome outcome(String server, SSLEngine engine, ServerHelloObserver wire, String failure,
            long nanos) {
        List<CertificateSummary> chain = chain(engine);
        String retryGroup = wire.helloRetryGroup() == null ? null : NamedGroups.nameOf(wire.helloRetryGroup());
        String sessionId = HexFormat.of().formatHex(wire.sessionId());
        if (failure != null) {
            return new HandshakeOutcome(false, null, null, null, wire.helloRetryRequest(), retryGroup, false, sessionId,
                    chain, failure, nanos);
        }
        String protocol = engine.getSession().getProtocol();
        String group = BcNegotiatedGroupReader.negotiatedGroup(engine).map(NamedGroups::nameOf).orElse(null);
        String previous = lastSessionIds.put(server, sessionId);
        boolean resumed = wire.pskAccepted()
                || ("TLSv1.2".equals(protocol) && !sessionId.isEmpty() && sessionId.equals(previous));
        return new HandshakeOutcome(true, protocol, engine.getSession().getCipherSuite(), group,
                wire.helloRetryRequest(), retryGroup, resumed, sessionId, chain, null, nanos);
    }

    private List<CertificateSummary> chain(SSLEngine engine) {
        X509Certificate[] presented = presentedChains.get(engine);
        if (presented == null) {
            try {
                presented = Arrays.stream(engine.getSession().getPeerCertificates())
                        .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
            } catch (SSLPeerUnverifiedException | ClassCastException none) {
                return List.of();
            }
        }
        return Arrays.stream(presented).map(CertificateSummary::of).toList();
    }

    /** The one-line reason of a failed handshake: the TLS alert, and which side raised it. */
    static String describe(SSLException failure) {
        TlsFatalAlertReceived received = Failures.find(failure, TlsFatalAlertReceived.class);
        if (received != null) {
            return "the server refused: fatal alert " + AlertDescription.getName(received.getAlertDescription());
        }
        CertificateException certificate = Failures.find(failure, CertificateException.class);
        TlsFatalAlert raised = Failures.find(failure, TlsFatalAlert.class);
        if (raised != null) {
            return "the client refused: " + AlertDescription.getName(raised.getAlertDescription())
                    + (certificate != null ? " (" + Failures.innermostMessage(certificate) + ")" : "");
        }
        return Failures.innermostMessage(failure);
    }

    /** Records the chain the server presented before deciding on it, so a probe reports untrusted chains too. */
    private final class ChainCapturingTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager verifying;
        private final boolean trustAll;

        ChainCapturingTrustManager(X509ExtendedTrustManager verifying, boolean trustAll) {
            this.verifying = verifying;
            this.trustAll = trustAll;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            presentedChains.put(engine, chain.clone());
            if (!trustAll) {
                verifying.checkServerTrusted(chain, authType, engine);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            if (!trustAll) {
                verifying.checkServerTrusted(chain, authType, socket);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (!trustAll) {
                verifying.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("a probe does not accept clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("a probe does not accept clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a probe does not accept clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return verifying.getAcceptedIssuers();
        }
    }
}
