package io.pqws.jsse;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLProtocolException;
import javax.net.ssl.SSLSession;

import org.bouncycastle.jsse.BCApplicationProtocolSelector;
import org.bouncycastle.jsse.BCExtendedSSLSession;
import org.bouncycastle.jsse.BCSSLConnection;
import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.BCSSLParameters;

/**
 * A BCJSSE engine that reads each server handshake's ClientHello before Bouncy Castle does: to count every server
 * handshake with what it offered and what it got ({@link ServerHandshakes}, in every profile), and, in require-hybrid
 * mode, as a door that opens only for a ClientHello that will lead to a hybrid post-quantum key exchange
 * ({@link HybridRequirement}).
 *
 * <p>In server mode the first inbound records are not given to Bouncy Castle: they are collected whole-record by
 * whole-record ({@link ClientHelloAssembler}; an incomplete record is {@code BUFFER_UNDERFLOW} and is not consumed),
 * and the complete ClientHello is parsed ({@link ClientHelloParser}). Accepted, the collected bytes are handed to
 * Bouncy Castle and from then on every call goes straight to it: no record is looked at again. In client mode the
 * engine is pass-through from the start. Everything Bouncy Castle-specific, {@link #getConnection()} included, is
 * delegated, so code that reads the negotiated group through {@link BCSSLEngine} sees Bouncy Castle's objects.
 *
 * <p>A refused ClientHello is answered the way an engine user can deliver:
 * <ol>
 * <li>{@code unwrap} consumes the input and returns {@code OK}/{@code NEED_WRAP} (no exception yet);</li>
 * <li>the next {@code wrap} writes a fatal {@code handshake_failure} alert record and returns
 * {@code CLOSED}/{@code NEED_WRAP};</li>
 * <li>the next {@code wrap} (or {@code unwrap}) throws the {@link SSLHandshakeException} explaining why;</li>
 * <li>after that the engine is closed in both directions and every call returns {@code CLOSED}.</li>
 * </ol>
 * Emitting before throwing matters: Grizzly's {@code SSLBaseFilter.doHandshakeStep} writes the output of the
 * {@code wrap} calls that returned, also when a later one throws, but never calls {@code wrap} after an
 * {@code unwrap} threw; so an engine that threw first (SunJSSE from {@code unwrap}, BCJSSE from {@code wrap})
 * loses its alert there. Callers that flush with {@code wrap} after an exception (Tomcat, Netty) get
 * {@code CLOSED} and nothing more.
 *
 * <p>Every server handshake that fails on this engine is counted once in {@link HandshakeFailures}: a refusal under its
 * refusal reason, a Bouncy Castle failure under its TLS alert. Failures after the handshake finished are not counted.
 * Every server handshake that completes or fails is counted once by its {@link HandshakeObserver}; one the peer
 * abandons before either is not counted. Once completed, the client's fingerprint is also in the session, as the
 * value {@value #FINGERPRINT_SESSION_VALUE}, and the negotiated group's name, as {@value #GROUP_SESSION_VALUE}, for
 * whoever sees the connection's requests.
 */
final class ClientHelloGuardEngine extends ForwardingSslEngine implements BCSSLEngine {

    /** Record: alert(21), version TLS 1.2 (as TLS 1.3 writes it), length 2; alert: fatal(2), handshake_failure(40). */
    static final byte[] HANDSHAKE_FAILURE_ALERT = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28};
    /** The SSLSession value holding the client's JA4 fingerprint ({@link Ja4}); the pqws library reads it. */
    public static final String FINGERPRINT_SESSION_VALUE = "io.pqws.ja4";
    /**
     * The SSLSession value holding the name of the group the session's full handshake negotiated (as counted in
     * {@link ServerHandshakes}): the pqws library reads it where a container wraps this engine (Undertow's ALPN
     * engine for HTTP/2) or hands out only the connection's SSLSession, so Bouncy Castle's connection is out of reach.
     */
    public static final String GROUP_SESSION_VALUE = "io.pqws.namedGroup";

    private static final Logger LOG = Logger.getLogger(ClientHelloGuardEngine.class.getName());

    private enum State {
        /** Handshake not begun; the mode may still change. */
        NEW,
        /** Server mode, collecting the ClientHello. */
        GUARDING,
        /** Client mode, or the ClientHello was accepted (or the engine was closed before one arrived). */
        PASS,
        REFUSED_ALERT_PENDING,
        REFUSED_EXCEPTION_PENDING,
        CLOSED
    }

    private final BCSSLEngine bc;
    private final HybridRequirement requirement;
    private final boolean enforce;
    private final HandshakeFailures failures;
    private final HandshakeObserver observer;
    private final Object lock = new Object();
    /** Set once a handshake failure of this engine has been counted, or its server handshake finished. */
    private volatile boolean outcomeCounted;

    private volatile State state = State.NEW;
    /** Observe mode, server side, until the ClientHello has been read: the copy of it being assembled. */
    private volatile ClientHelloAssembler tap;
    // Guarded by lock:
    private ClientHelloAssembler assembler;
    private String[] engineGroups;
    private boolean tls13Enabled;
    private SSLHandshakeException refusal;
    private volatile BiFunction<SSLEngine, List<String>, String> jdkSelector;
    private volatile BCApplicationProtocolSelector<SSLEngine> bcSelector;

    /** @param enforce whether to refuse a ClientHello the requirement refuses (require-hybrid), or only observe */
    ClientHelloGuardEngine(SSLEngine delegate, HybridRequirement requirement, boolean enforce,
            HandshakeFailures failures, HandshakeObserver observer) {
        super(requireBc(delegate));
        this.bc = (BCSSLEngine) delegate;
        this.requirement = requirement;
        this.enforce = enforce;
        this.failures = failures;
        this.observer = observer;
    }

    private static SSLEngine requireBc(SSLEngine delegate) {
        if (!(delegate instanceof BCSSLEngine)) {
            throw new IllegalArgumentException("not a BCJSSE engine: " + delegate.getClass().getName());
        }
        return delegate;
    }

    // ---------------------------------------------------------------- handshake and records

    @Override
    public void beginHandshake() throws SSLException {
        if (state == State.PASS) {
            delegate().beginHandshake();
            return;
        }
        synchronized (lock) {
            switch (state) {
                case NEW:
                    start();
                    break;
                case GUARDING:
                case PASS:
                    delegate().beginHandshake(); // Bouncy Castle refuses a second handshake itself
                    break;
                default:
                    throw new SSLException("Connection is closed: its ClientHello was refused");
            }
        }
    }

    /** Decides the mode when the handshake begins; Bouncy Castle fixes the mode and copies its parameters then. */
    private void start() throws SSLException {
        boolean server = !delegate().getUseClientMode();
        if (server) {
            PqwsSslContextSpi.preferServerGroupOrder(bc);
            BCSSLParameters parameters = bc.getParameters();
            engineGroups = parameters.getNamedGroups();
            tls13Enabled = Arrays.asList(parameters.getProtocols()).contains("TLSv1.3");
        }
        delegate().beginHandshake(); // throws while the mode is unset, leaving this engine NEW
        if (server && enforce) {
            assembler = new ClientHelloAssembler();
            state = State.GUARDING;
        } else {
            tap = server ? new ClientHelloAssembler() : null;
            state = State.PASS;
        }
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        if (state == State.PASS) {
            return passUnwrap(src, dsts, offset, length);
        }
        synchronized (lock) {
            if (state == State.NEW) {
                start();
            }
            switch (state) {
                case PASS:
                    return passUnwrap(src, dsts, offset, length);
                case GUARDING:
                    return guard(src);
                case REFUSED_ALERT_PENDING:
                    return new SSLEngineResult(Status.CLOSED, HandshakeStatus.NEED_WRAP, 0, 0);
                case REFUSED_EXCEPTION_PENDING:
                    state = State.CLOSED;
                    throw refusal;
                default:
                    return new SSLEngineResult(Status.CLOSED, HandshakeStatus.NOT_HANDSHAKING, 0, 0);
            }
        }
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        if (state == State.PASS) {
            return passWrap(srcs, offset, length, dst);
        }
        synchronized (lock) {
            if (state == State.NEW) {
                start();
            }
            switch (state) {
                case PASS:
                case GUARDING: // Bouncy Castle has nothing to send before it sees a ClientHello
                    return passWrap(srcs, offset, length, dst);
                case REFUSED_ALERT_PENDING:
                    if (dst.remaining() < HANDSHAKE_FAILURE_ALERT.length) {
                        return new SSLEngineResult(Status.BUFFER_OVERFLOW, HandshakeStatus.NEED_WRAP, 0, 0);
                    }
                    dst.put(HANDSHAKE_FAILURE_ALERT);
                    state = State.REFUSED_EXCEPTION_PENDING;
                    return new SSLEngineResult(Status.CLOSED, HandshakeStatus.NEED_WRAP, 0,
                            HANDSHAKE_FAILURE_ALERT.length);
                case REFUSED_EXCEPTION_PENDING:
                    state = State.CLOSED;
                    throw refusal;
                default:
                    return new SSLEngineResult(Status.CLOSED, HandshakeStatus.NOT_HANDSHAKING, 0, 0);
            }
        }
    }

    private SSLEngineResult passUnwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        ClientHelloAssembler tapping = tap;
        int start = src.position();
        long arrived = tapping == null ? 0 : System.currentTimeMillis();
        try {
            SSLEngineResult result = delegate().unwrap(src, dsts, offset, length);
            if (tapping != null && result.bytesConsumed() > 0) {
                tap(tapping, src.duplicate().position(start).limit(start + result.bytesConsumed()), arrived);
            }
            return observed(result);
        } catch (SSLException e) {
            countFailure(e);
            throw e;
        }
    }

    /**
     * Observe mode: reads the ClientHello out of a copy of what Bouncy Castle consumed, so Bouncy Castle alone decides
     * what every byte means. A ClientHello this engine cannot read is Bouncy Castle's to answer, and is counted
     * without the groups it offered.
     */
    private void tap(ClientHelloAssembler tapping, ByteBuffer consumed, long arrived) {
        try {
            int taken;
            do {
                taken = tapping.offer(consumed);
            } while (taken > 0 && consumed.hasRemaining() && !tapping.isComplete());
            if (tapping.isComplete()) {
                tap = null;
                observer.clientHello(ClientHelloParser.parse(tapping.message()), engineGroups, arrived);
            }
        } catch (SSLProtocolException unreadable) {
            tap = null;
        }
    }

    private SSLEngineResult passWrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        try {
            return observed(delegate().wrap(srcs, offset, length, dst));
        } catch (SSLException e) {
            countFailure(e);
            throw e;
        }
    }

    /**
     * Counts a finished server handshake; failures after it are not handshake failures and are not counted.
     */
    private SSLEngineResult observed(SSLEngineResult result) {
        if (result.getHandshakeStatus() == HandshakeStatus.FINISHED && !outcomeCounted) {
            outcomeCounted = true;
            if (!delegate().getUseClientMode()) {
                SSLSession session = delegate().getSession();
                String group = observer.completed(session);
                if (group != null) {
                    session.putValue(GROUP_SESSION_VALUE, group);
                }
                String fingerprint = observer.fingerprint();
                if (fingerprint != null) {
                    session.putValue(FINGERPRINT_SESSION_VALUE, fingerprint);
                }
            }
        }
        return result;
    }

    /** Counts the first failure of a server handshake under Bouncy Castle's alert. */
    private void countFailure(SSLException failure) {
        if (!outcomeCounted && !delegate().getUseClientMode()) {
            outcomeCounted = true;
            failures.count(failure);
            observer.failed(HandshakeFailures.reasonOf(failure));
        }
    }

    private SSLEngineResult guard(ByteBuffer src) throws SSLException {
        int start = src.position();
        int consumed;
        try {
            consumed = assembler.offer(src);
        } catch (SSLProtocolException e) {
            // The connection is over; whatever else the peer sent is discarded with it.
            src.position(src.limit());
            return refuse(e.getMessage(), e, false, src.limit() - start, HandshakeFailures.MALFORMED_CLIENT_HELLO);
        }
        if (consumed == 0) {
            return new SSLEngineResult(Status.BUFFER_UNDERFLOW, HandshakeStatus.NEED_UNWRAP, 0, 0);
        }
        if (!assembler.isComplete()) {
            return new SSLEngineResult(Status.OK, HandshakeStatus.NEED_UNWRAP, consumed, 0);
        }
        ClientHello hello;
        try {
            hello = ClientHelloParser.parse(assembler.message());
        } catch (SSLProtocolException e) {
            return refuse(e.getMessage(), e, false, consumed, HandshakeFailures.MALFORMED_CLIENT_HELLO);
        }
        observer.clientHello(hello, engineGroups, System.currentTimeMillis());
        Optional<HybridRequirement.Refusal> refused = requirement.check(hello, engineGroups, tls13Enabled);
        if (refused.isPresent()) {
            return refuse(refused.get().reason(), null, refused.get().misconfiguration(), consumed,
                    refused.get().counterName());
        }
        return release(consumed);
    }

    /** Hands the accepted ClientHello to Bouncy Castle; from here on this engine is pass-through. */
    private SSLEngineResult release(int consumed) throws SSLException {
        List<ByteBuffer> records = assembler.records();
        assembler = null;
        state = State.PASS;
        // Handshake records yield no application data; the buffer only satisfies Bouncy Castle's space check.
        ByteBuffer scratch = ByteBuffer.allocate(Math.max(delegate().getSession().getApplicationBufferSize(),
                ClientHelloAssembler.MAX_FRAGMENT_LENGTH));
        SSLEngineResult last = null;
        for (ByteBuffer record : records) {
            last = delegate().unwrap(record, scratch);
            if (last.getStatus() != Status.OK || record.hasRemaining()) {
                // Bouncy Castle failed on the ClientHello: its own alert and exception follow through wrap.
                break;
            }
        }
        if (last == null || last.getStatus() == Status.BUFFER_UNDERFLOW || last.getStatus() == Status.BUFFER_OVERFLOW) {
            throw new SSLException("internal error: Bouncy Castle answered "
                    + (last == null ? "nothing" : last.getStatus()) + " to a complete ClientHello record");
        }
        return new SSLEngineResult(last.getStatus(), last.getHandshakeStatus(), consumed, 0);
    }

    private SSLEngineResult refuse(String reason, Exception cause, boolean misconfiguration, int consumed,
            String counterName) {
        outcomeCounted = true;
        failures.count(counterName);
        observer.failed(counterName);
        refusal = new SSLHandshakeException(reason);
        if (cause != null) {
            refusal.initCause(cause);
        }
        assembler = null;
        state = State.REFUSED_ALERT_PENDING;
        if (misconfiguration) {
            LOG.severe("Refused a ClientHello because of this server's own configuration: " + reason);
        } else if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("Refused ClientHello from " + getPeerHost() + ": " + reason);
        }
        return new SSLEngineResult(Status.OK, HandshakeStatus.NEED_WRAP, consumed, 0);
    }

    @Override
    public HandshakeStatus getHandshakeStatus() {
        switch (state) {
            case REFUSED_ALERT_PENDING:
            case REFUSED_EXCEPTION_PENDING:
                return HandshakeStatus.NEED_WRAP;
            case CLOSED:
                return HandshakeStatus.NOT_HANDSHAKING;
            default:
                return delegate().getHandshakeStatus();
        }
    }

    @Override
    public Runnable getDelegatedTask() {
        return isRefused() ? null : delegate().getDelegatedTask();
    }

    @Override
    public void closeInbound() throws SSLException {
        if (state == State.PASS) {
            delegate().closeInbound();
            return;
        }
        synchronized (lock) {
            if (!isRefused()) {
                assembler = null;
                state = State.PASS;
                delegate().closeInbound();
            }
        }
    }

    @Override
    public boolean isInboundDone() {
        return isRefused() || delegate().isInboundDone();
    }

    @Override
    public void closeOutbound() {
        if (state == State.PASS) {
            delegate().closeOutbound();
            return;
        }
        synchronized (lock) {
            // A refused engine's pending alert already is its closing message.
            if (!isRefused()) {
                assembler = null;
                state = State.PASS;
                delegate().closeOutbound();
            }
        }
    }

    @Override
    public boolean isOutboundDone() {
        switch (state) {
            case REFUSED_ALERT_PENDING:
            case REFUSED_EXCEPTION_PENDING:
                return false;
            case CLOSED:
                return true;
            default:
                return delegate().isOutboundDone();
        }
    }

    private boolean isRefused() {
        State current = state;
        return current == State.REFUSED_ALERT_PENDING || current == State.REFUSED_EXCEPTION_PENDING
                || current == State.CLOSED;
    }

    // ---------------------------------------------------------------- application protocol selectors

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
        // The selector must see this engine, not the one behind it.
        jdkSelector = selector;
        bcSelector = null;
        delegate().setHandshakeApplicationProtocolSelector(
                selector == null ? null : (engine, protocols) -> selector.apply(this, protocols));
    }

    @Override
    public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
        BiFunction<SSLEngine, List<String>, String> selector = jdkSelector;
        return selector != null ? selector : delegate().getHandshakeApplicationProtocolSelector();
    }

    @Override
    public void setBCHandshakeApplicationProtocolSelector(BCApplicationProtocolSelector<SSLEngine> selector) {
        bcSelector = selector;
        jdkSelector = null;
        bc.setBCHandshakeApplicationProtocolSelector(
                selector == null ? null : (engine, protocols) -> selector.select(this, protocols));
    }

    @Override
    public BCApplicationProtocolSelector<SSLEngine> getBCHandshakeApplicationProtocolSelector() {
        BCApplicationProtocolSelector<SSLEngine> selector = bcSelector;
        return selector != null ? selector : bc.getBCHandshakeApplicationProtocolSelector();
    }

    // ---------------------------------------------------------------- Bouncy Castle's engine interface

    @Override
    public void setBCSessionToResume(BCExtendedSSLSession session) {
        bc.setBCSessionToResume(session);
    }

    @Override
    public BCExtendedSSLSession getBCHandshakeSession() {
        return bc.getBCHandshakeSession();
    }

    @Override
    public BCExtendedSSLSession getBCSession() {
        return bc.getBCSession();
    }

    @Override
    public BCSSLConnection getConnection() {
        return bc.getConnection();
    }

    @Override
    public BCSSLParameters getParameters() {
        return bc.getParameters();
    }

    @Override
    public void setParameters(BCSSLParameters parameters) {
        bc.setParameters(parameters);
    }

    @Override
    public String toString() {
        return "ClientHelloGuardEngine[" + state + ", " + delegate() + "]";
    }
}
