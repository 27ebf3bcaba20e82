package io.pqws.load;

import java.net.http.WebSocket;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Recorder;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;

/**
 * One member of a chat room under load: sends numbered messages ({@code say} with text {@code n:NUMBER:NANOS}),
 * checks what the room delivers with a {@link DeliveryLedger}, records each delivery's latency (sender's
 * {@link System#nanoTime()} in the text, same JVM) and keeps how the session ended.
 *
 * <p>Why one send at a time, chained: the JDK WebSocket allows one outstanding send per session; a message counts
 * as sent only when its send completed, so a receiver's expectation never includes a message that did not leave.
 */
public final class ChatMember implements WebSocket.Listener {

    /** How a member puts its numbered text on the wire. */
    public enum Dialect {
        /** pqws's chat protocol: {@code {"type":"say","text":...}}; the room stamps and numbers the message. */
        SAY,
        /**
         * A complete {@code message} event, numbered and stamped by the sender, for a room that relays text unchanged
         * (the benchmark's raw baseline).
         */
        MESSAGE
    }

    /**
     * How a session ended.
     *
     * @param code   the close code; 1006 when the connection failed without a close frame
     * @param reason the close reason, or the failure
     */
    public record Ending(int code, String reason) {
    }

    /** One factory: {@code Json.createObjectBuilder} looks the provider up again for every message. */
    private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());
    private static final String PREFIX = "n:";
    private static final String PRESENCE = "{\"type\":\"presence\"";
    private static final String TYPING = "{\"type\":\"typing\"";

    private final String user;
    private final Dialect dialect;
    private final Recorder latencyMicros;
    private final DeliveryLedger ledger = new DeliveryLedger();
    private final CompletableFuture<JsonObject> welcome = new CompletableFuture<>();
    private final CompletableFuture<Ending> ending = new CompletableFuture<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong roomGaps = new AtomicLong();
    private final StringBuilder partial = new StringBuilder();
    private long lastRoomSeq;
    private long numbered; // guarded by this: numbers handed out
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null); // guarded by this
    private volatile WebSocket socket;

    /** @param latencyMicros where delivery latencies go (shared by all members; thread-safe) */
    public ChatMember(String user, Recorder latencyMicros) {
        this(user, Dialect.SAY, latencyMicros);
    }

    /**
     * @param dialect       how the member sends ({@link Dialect#SAY} for pqws's rooms)
     * @param latencyMicros where delivery latencies go (shared by all members; thread-safe)
     */
    public ChatMember(String user, Dialect dialect, Recorder latencyMicros) {
        this.user = user;
        this.dialect = dialect;
        this.latencyMicros = latencyMicros;
    }

    public String user() {
        return user;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            if (!text.startsWith(PRESENCE) && !text.startsWith(TYPING)) { // nothing to check: not parsed
                handle(LoadClient.json(text));
            }
        }
        webSocket.request(1);
        return null;
    }

    private void handle(JsonObject event) {
        switch (event.getString("type", "")) {
            case "welcome" -> welcome.complete(event);
            case "message" -> {
                long seq = event.getJsonNumber("seq").longValue();
                if (lastRoomSeq != 0 && seq != lastRoomSeq + 1) {
                    roomGaps.incrementAndGet();
                }
                lastRoomSeq = seq;
                String text = event.getString("text");
                if (text.startsWith(PREFIX)) {
                    String[] parts = text.split(":");
                    ledger.record(event.getString("sender"), Long.parseLong(parts[1]));
                    long micros = (System.nanoTime() - Long.parseLong(parts[2])) / 1_000;
                    latencyMicros.recordValue(Math.max(0, Math.min(micros, 60_000_000L)));
                }
            }
            default -> {
                // nothing else carries anything to check
            }
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        ending.complete(new Ending(statusCode, reason));
        welcome.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        ending.complete(new Ending(1006, String.valueOf(error)));
        welcome.completeExceptionally(error);
    }

    /** Completes with the room's welcome (the member has joined). */
    public CompletableFuture<JsonObject> welcome() {
        return welcome;
    }

    /** Completes when the session has ended. */
    public CompletableFuture<Ending> ending() {
        return ending;
    }

    /** Queues the next numbered message behind the ones not yet sent; returns when that one completes. */
    public synchronized CompletableFuture<?> sendNext() {
        long number = ++numbered;
        WebSocket ws = socket;
        tail = tail.thenCompose(previous -> ws.sendText(frame(number, PREFIX + number + ":" + System.nanoTime()),
                true)).thenRun(sent::incrementAndGet);
        return tail;
    }

    private String frame(long number, String text) {
        if (dialect == Dialect.SAY) {
            return BUILDERS.createObjectBuilder().add("type", "say").add("text", text).build().toString();
        }
        return BUILDERS.createObjectBuilder().add("type", "message").add("seq", number).add("sender", user)
                .add("time", Instant.now().toString()).add("text", text).build().toString();
    }

    /** Completes when every message queued so far was sent (or the chain failed). */
    public synchronized CompletableFuture<?> sendsDone() {
        return tail.handle((ok, failure) -> null);
    }

    /** Messages whose send completed. */
    public long sent() {
        return sent.get();
    }

    /** Times the room's {@code seq} did not follow the previous one. */
    public long roomGaps() {
        return roomGaps.get();
    }

    public DeliveryLedger ledger() {
        return ledger;
    }

    /** Closes normally; completes when the close was sent. */
    public CompletableFuture<?> close() {
        WebSocket ws = socket;
        if (ws == null || ws.isOutputClosed()) {
            return CompletableFuture.completedFuture(null);
        }
        return sendsDone().thenCompose(done -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "done"))
                .handle((ok, failure) -> null);
    }
}
