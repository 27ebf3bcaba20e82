package io.pqws.jsse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.function.UnaryOperator;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * Moves bytes between a client and a server engine in memory until neither can make progress, the way an engine
 * user does: wrap while {@code NEED_WRAP}, unwrap while {@code NEED_UNWRAP}, keep what the peer has not consumed,
 * and deliver each wrap's output before looking at the next call's outcome (so an alert written by a wrap reaches
 * the peer even if the following wrap throws, as in Grizzly). An exception ends that side. Bounded, no sleeping.
 */
final class MemoryHandshake {

    private static final int MAX_STEPS = 200_000;

    final Side client;
    final Side server;

    private MemoryHandshake(SSLEngine client, SSLEngine server) {
        this.client = new Side(client);
        this.server = new Side(server);
    }

    static MemoryHandshake run(SSLEngine client, SSLEngine server) {
        return new Builder(client, server).run();
    }

    static Builder between(SSLEngine client, SSLEngine server) {
        return new Builder(client, server);
    }

    static final class Builder {
        private final MemoryHandshake handshake;
        private UnaryOperator<byte[]> firstClientFlight = UnaryOperator.identity();

        private Builder(SSLEngine client, SSLEngine server) {
            handshake = new MemoryHandshake(client, server);
        }

        /** The server sees the client's bytes one more byte per unwrap attempt (1-byte network reads). */
        Builder trickleToServer() {
            handshake.server.trickle = true;
            return this;
        }

        /** Rewrites the client's first wrap output (its first ClientHello) before the server sees it. */
        Builder rewriteFirstClientFlight(UnaryOperator<byte[]> rewrite) {
            firstClientFlight = rewrite;
            return this;
        }

        MemoryHandshake run() {
            handshake.client.rewriteNext = firstClientFlight;
            handshake.loop();
            return handshake;
        }
    }

    boolean completed() {
        return client.failure == null && server.failure == null
                && client.engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING
                && server.engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING
                && client.finished && server.finished;
    }

    private void loop() {
        client.begin();
        server.begin();
        for (int steps = 0; steps < MAX_STEPS; steps++) {
            boolean progress = client.step(server);
            progress |= server.step(client);
            if (!progress) {
                return;
            }
        }
        throw new AssertionError("handshake did not settle within " + MAX_STEPS + " steps");
    }

    static final class Side {
        final SSLEngine engine;
        /** Everything this side wrote, in order. */
        final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        SSLException failure;
        boolean finished;
        /** How often unwrap answered BUFFER_UNDERFLOW. */
        int underflows;
        boolean trickle;
        UnaryOperator<byte[]> rewriteNext;

        private final ByteBuffer inbound = ByteBuffer.allocate(1 << 18);
        private final ByteBuffer application = ByteBuffer.allocate(1 << 18);
        private int visible;

        Side(SSLEngine engine) {
            this.engine = engine;
        }

        private void begin() {
            try {
                engine.beginHandshake();
            } catch (SSLException e) {
                failure = e;
            }
        }

        private boolean step(Side peer) {
            if (failure != null) {
                return false;
            }
            try {
                HandshakeStatus status = engine.getHandshakeStatus();
                if (status == HandshakeStatus.NEED_TASK) {
                    for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                        task.run();
                    }
                    return true;
                }
                if (status == HandshakeStatus.NEED_WRAP) {
                    ByteBuffer out = ByteBuffer.allocate(1 << 18);
                    SSLEngineResult result = engine.wrap(ByteBuffer.allocate(0), out);
                    note(result);
                    out.flip();
                    byte[] bytes = new byte[out.remaining()];
                    out.get(bytes);
                    if (rewriteNext != null && bytes.length > 0) {
                        bytes = rewriteNext.apply(bytes);
                        rewriteNext = null;
                    }
                    sent.writeBytes(bytes);
                    peer.inbound.put(bytes);
                    return true;
                }
                int available = inbound.position();
                if (available == 0 || engine.isInboundDone()) {
                    return false;
                }
                visible = trickle ? Math.min(available, visible + 1) : available;
                ByteBuffer view = inbound.duplicate();
                view.flip();
                view.limit(visible);
                SSLEngineResult result = engine.unwrap(view, application);
                note(result);
                if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                    underflows++;
                }
                int consumed = view.position();
                inbound.flip();
                inbound.position(consumed);
                inbound.compact();
                visible -= consumed;
                return consumed > 0 || result.getHandshakeStatus() != status
                        || (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW && visible < available);
            } catch (SSLException e) {
                failure = e;
                return true;
            }
        }

        private void note(SSLEngineResult result) {
            if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                finished = true;
            }
        }
    }
}
