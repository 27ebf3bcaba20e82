package io.pqws.jsse;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiFunction;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLProtocolException;
import javax.net.ssl.SSLSession;

/**
 * A JDK (SunJSSE) engine whose server handshake is watched, never changed: the {@code observe} profile's engine.
 *
 * <p>Every call goes to the JDK's engine with the caller's own buffers; this class only reads copies of what that
 * engine consumed (the first ClientHello, for {@link HandshakeObserver}: what the client offered, its JA4) and of
 * what it wrote (its ServerHello and key exchange, for {@link ServerFlightTap}: the group it chose). So the JDK
 * alone decides every byte and negotiates exactly what it would without pqws. When the handshake completes it is
 * counted once ({@link ServerHandshakes}, {@link ClientFingerprints}) and the session carries the client's
 * fingerprint ({@value ClientHelloGuardEngine#FINGERPRINT_SESSION_VALUE}) and the group the server chose
 * ({@value ClientHelloGuardEngine#GROUP_SESSION_VALUE}), for the pqws library, which has no other way to learn them
 * under SunJSSE. A failed server handshake is counted once too; SunJSSE's exceptions carry no alert pqws can read, so
 * its reason is {@value HandshakeFailures#OTHER}. Client-mode engines are not watched at all.
 *
 * <p>Why not {@link ClientHelloGuardEngine}: that engine is a {@code BCSSLEngine}, exposing Bouncy Castle's API to
 * code that reads the group from Bouncy Castle, and it can hold a ClientHello back; neither has a place here.
 */
final class ObservingSslEngine extends ForwardingSslEngine {

    private final HandshakeFailures failures;
    private final HandshakeObserver observer;
    private final Object lock = new Object();
    /** Server mode, until the handshake's outcome is counted; {@code null} before the mode is known and after. */
    private volatile Taps taps;
    private volatile boolean decided;
    private volatile boolean outcomeCounted;
    private volatile BiFunction<SSLEngine, List<String>, String> selector;

    /** What a server engine reads while its handshake runs: the inbound ClientHello and its own flight. */
    private static final class Taps {
        /** The first ClientHello being assembled from copies of what the engine consumed; {@code null} once read. */
        ClientHelloAssembler hello = new ClientHelloAssembler();
        final ServerFlightTap flight = new ServerFlightTap();
    }

    ObservingSslEngine(SSLEngine delegate, HandshakeFailures failures, HandshakeObserver observer) {
        super(delegate);
        this.failures = failures;
        this.observer = observer;
    }

    /** The taps of a server engine whose handshake is still running; decides the mode on the first call. */
    private Taps taps() {
        if (!decided) {
            synchronized (lock) {
                if (!decided) {
                    taps = delegate().getUseClientMode() ? null : new Taps();
                    decided = true;
                }
            }
        }
        return taps;
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        Taps watching = taps();
        if (watching == null) {
            return delegate().unwrap(src, dsts, offset, length);
        }
        int start = src.position();
        long arrived = System.currentTimeMillis();
        try {
            SSLEngineResult result = delegate().unwrap(src, dsts, offset, length);
            if (result.bytesConsumed() > 0) {
                tapHello(watching, src.duplicate().position(start).limit(start + result.bytesConsumed()), arrived);
            }
            return observed(watching, result);
        } catch (SSLException e) {
            countFailure();
            throw e;
        }
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        Taps watching = taps();
        if (watching == null) {
            return delegate().wrap(srcs, offset, length, dst);
        }
        int start = dst.position();
        try {
            SSLEngineResult result = delegate().wrap(srcs, offset, length, dst);
            if (result.bytesProduced() > 0) {
                synchronized (watching.flight) {
                    watching.flight.offer(dst.duplicate().position(start).limit(start + result.bytesProduced()));
                }
            }
            return observed(watching, result);
        } catch (SSLException e) {
            countFailure();
            throw e;
        }
    }

    /** Reads the first ClientHello from a copy of what the JDK's engine consumed; an unreadable one is not read. */
    private void tapHello(Taps watching, ByteBuffer consumed, long arrived) {
        synchronized (watching) {
            ClientHelloAssembler assembler = watching.hello;
            if (assembler == null) {
                return;
            }
            try {
                int taken;
                do {
                    taken = assembler.offer(consumed);
                } while (taken > 0 && consumed.hasRemaining() && !assembler.isComplete());
                if (assembler.isComplete()) {
                    watching.hello = null;
                    observer.clientHello(ClientHelloParser.parse(assembler.message()), null, arrived);
                }
            } catch (SSLProtocolException | RuntimeException unreadable) {
                // The JDK already accepted these bytes: a ClientHello pqws cannot read loses its observation only.
                watching.hello = null;
            }
        }
    }

    /** Counts a finished server handshake once, and stops watching: later records are not looked at. */
    private SSLEngineResult observed(Taps watching, SSLEngineResult result) {
        if (result.getHandshakeStatus() != HandshakeStatus.FINISHED) {
            return result;
        }
        synchronized (lock) {
            if (outcomeCounted) {
                return result;
            }
            outcomeCounted = true;
            taps = null;
        }
        SSLSession session = delegate().getSession();
        ServerFlightTap.Flight flight;
        synchronized (watching.flight) {
            flight = watching.flight.flight();
        }
        session.putValue(ClientHelloGuardEngine.GROUP_SESSION_VALUE, observer.completed(session, flight));
        String fingerprint = observer.fingerprint();
        if (fingerprint != null) {
            session.putValue(ClientHelloGuardEngine.FINGERPRINT_SESSION_VALUE, fingerprint);
        }
        return result;
    }

    /** Counts the first failure of a server handshake; failures after it completed are not handshake failures. */
    private void countFailure() {
        synchronized (lock) {
            if (outcomeCounted || taps == null) {
                return;
            }
            outcomeCounted = true;
            taps = null;
        }
        failures.count(HandshakeFailures.OTHER);
        observer.failed(HandshakeFailures.OTHER);
    }

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> chooser) {
        // The selector must see this engine, the one the container knows (Grizzly maps engines to connections).
        selector = chooser;
        delegate().setHandshakeApplicationProtocolSelector(
                chooser == null ? null : (engine, protocols) -> chooser.apply(this, protocols));
    }

    @Override
    public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
        return selector;
    }

    @Override
    public String toString() {
        return "ObservingSslEngine[" + delegate() + "]";
    }
}
