package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.pqws.client.CloseStatus;
import io.pqws.client.TlsProfile;
import io.pqws.client.WsMessage;
import io.pqws.client.WssClient;
import io.pqws.client.WssConnection;

/**
 * Two WebSocket sessions open on a server's {@code /echo} while the test stops that server, and what each saw of the
 * stop: a Tyrus client (which answers the server's close as every client library does) and a bare socket that
 * records the close frame itself and never answers it, as a slow or stuck client would; the server must not wait
 * for it longer than its bound.
 *
 * <p>Why both: the bare socket shows what went over the wire; the client shows what an application is told, which can
 * differ when a server closes the connection right after its close frame instead of waiting for the client's answer
 * (Undertow does: a client library may then report 1006 although the frame arrived).
 *
 * <p>Positive control: before the stop, each has had an echo, so a close frame that follows came from a live session
 * and a missing one is a real 1006, not a session that never opened.
 */
final class StopWitnesses implements AutoCloseable {

    private static final String PING = "still there?";

    private final WssConnection client;
    private final RawWebSocket raw;
    private final CompletableFuture<RawWebSocket.Drained> rawEnd;

    private StopWitnesses(WssConnection client, RawWebSocket raw, CompletableFuture<RawWebSocket.Drained> rawEnd) {
        this.client = client;
        this.raw = raw;
        this.rawEnd = rawEnd;
    }

    /** Opens both on {@code echo} and checks that each is echoed. */
    static StopWitnesses open(URI echo, Duration wait) throws Exception {
        WssConnection client = new WssClient(PqwsServer.client(TlsProfile.HYBRID)).connect(echo, wait);
        RawWebSocket raw;
        try {
            client.sendText(PING);
            assertEquals(new WsMessage.Text(PING), client.nextMessage(wait), "positive control: the client is echoed");
            raw = RawWebSocket.open("alice", echo);
        } catch (Exception | AssertionError e) {
            client.close();
            throw e;
        }
        raw.sendText(PING);
        CompletableFuture<RawWebSocket.Drained> rawEnd = CompletableFuture.supplyAsync(() -> {
            try {
                return raw.drainUntilClose();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return new StopWitnesses(client, raw, rawEnd);
    }

    /**
     * Asserts, once the server has stopped, that both sessions got a close frame {@code 1001} with {@code reason}
     * before the connection ended, the bare socket on the wire and the client as its library reports it.
     */
    void assertGoingAway(String reason, Duration wait) throws Exception {
        assertCloseFrameOnTheWire(reason, wait);
        CloseStatus seen = clientSaw(wait);
        assertEquals(1001, seen.code(), "client: " + seen.describe());
        assertEquals(reason, seen.reason(), "client: " + seen.describe());
        assertTrue(seen.byServer(), "the server closed: " + seen);
    }

    /** Asserts that the bare socket read a close frame {@code 1001} with {@code reason} before the connection ended. */
    void assertCloseFrameOnTheWire(String reason, Duration wait) throws Exception {
        RawWebSocket.Drained drained;
        try {
            drained = rawEnd.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the raw socket saw no end within " + wait, e);
        } catch (ExecutionException e) {
            throw new AssertionError("the raw socket failed: " + e.getCause(), e.getCause());
        }
        assertEquals(1, drained.dataFrames(), "positive control: the raw socket was echoed before the stop");
        assertTrue(drained.closeFrame(), "the raw socket got a close frame, not a dropped connection: " + drained);
        assertEquals(1001, drained.closeCode(), "raw socket: " + drained);
        assertEquals(reason, drained.closeReason(), "raw socket: " + drained);
    }

    /** How the client's library reports the end of its session. */
    CloseStatus clientSaw(Duration wait) throws Exception {
        return client.awaitClose(wait).orElseThrow(() -> new AssertionError("the client is still open"));
    }

    @Override
    public void close() throws IOException {
        try {
            client.close();
        } finally {
            raw.close();
        }
    }
}
