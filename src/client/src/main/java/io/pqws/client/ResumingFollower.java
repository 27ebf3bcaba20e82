package io.pqws.client;

import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/**
 * Follows a pqws chat room ({@code /chat/{room}}) or notification stream ({@code /notifications}) across the
 * instances of a cluster: when its connection is lost it reconnects to the next endpoint, with exponential backoff,
 * and resumes after the last message it saw, so that its consumer sees every message once and in order.
 *
 * <p>How it resumes (docs/scale-out.md): notifications with {@code ?lastSeenId=} (the last notification's id, or
 * {@code ready.lastId}); a chat room by keeping, from the history of the new {@code welcome}, only the messages
 * after the last one it saw ({@link ChatResumption}: found by its content, so a room whose numbering started again
 * or differs per instance resumes too; when the history no longer holds it, the whole history is new). A close the
 * server means (1000, 1003, 1007, 1008, 1009, 4000-4999) ends following; a lost connection (1006), 1001, 1011-1013
 * and failed connection attempts lead to a reconnect.
 */
public final class ResumingFollower implements AutoCloseable {

    /** Close codes after which reconnecting is pointless: the server meant it. */
    private static final Set<Integer> FINAL = Set.of(1000, 1003, 1007, 1008, 1009);
    private static final Duration FIRST_DELAY = Duration.ofMillis(250);
    private static final Duration MAX_DELAY = Duration.ofSeconds(30);
    private static final Duration LISTEN = Duration.ofDays(1);

    private final WssClient client;
    private final List<URI> endpoints;
    private final Duration timeout;
    private final Consumer<JsonObject> consumer;
    private final boolean notifications;
    private final Thread thread;
    private volatile boolean closed;
    private volatile WssConnection current;
    private volatile URI connectedTo;
    private volatile String ended;
    private long lastSeq = -1; // chat: the last seq given to the consumer, in the numbering of the current log
    private String lastSeen; // chat: the last message given to the consumer (ChatResumption.key)
    private String lastSeenId; // notifications: the last id, or ready.lastId

    /**
     * @param endpoints the same path on every instance (or one load-balanced URL), tried in turn
     * @param consumer  receives every server message once, on the follower's thread; a chat room's history messages
     *                  that are new to it arrive one by one as {@code message}s after the {@code welcome}
     */
    public ResumingFollower(WssClient client, List<URI> endpoints, Duration timeout, Consumer<JsonObject> consumer) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("no endpoint to follow");
        }
        this.client = client;
        this.endpoints = List.copyOf(endpoints);
        this.timeout = timeout;
        this.consumer = consumer;
        this.notifications = endpoints.get(0).getPath().endsWith("/notifications");
        this.thread = new Thread(this::run, "pqws-follower");
        this.thread.setDaemon(true);
    }

    /** Starts following on a thread of its own. */
    public ResumingFollower start() {
        thread.start();
        return this;
    }

    /** The endpoint of the current connection (null before the first). */
    public URI connectedTo() {
        return connectedTo;
    }

    /** Why following ended (a final close from the server), or null while it goes on. */
    public String ended() {
        return ended;
    }

    /** Waits until following ends (a final close, or {@link #close()}); returns {@link #ended()}. */
    public String await() throws InterruptedException {
        thread.join();
        return ended;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        WssConnection connection = current;
        if (connection != null) {
            connection.close();
        }
    }

    private void run() {
        Duration delay = FIRST_DELAY;
        for (int index = 0; !closed; index = (index + 1) % endpoints.size()) {
            try (WssConnection connection = client.connect(resumeUri(endpoints.get(index)), timeout)) {
                current = connection;
                connectedTo = connection.uri();
                delay = FIRST_DELAY;
                if (listen(connection)) {
                    return;
                }
            } catch (WssClientException e) {
                // not reachable now: try the next endpoint after the backoff
            } finally {
                current = null;
            }
            try {
                Thread.sleep(jittered(delay));
            } catch (InterruptedException e) {
                return;
            }
            delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
        }
    }

    /** Reads until the connection ends; true when the server closed it for good. */
    private boolean listen(WssConnection connection) {
        while (!closed) {
            WsMessage message;
            try {
                message = connection.nextMessage(LISTEN);
            } catch (WssClientException e) {
                CloseStatus status = connection.closeStatus().orElse(null);
                if (status != null && status.byServer()
                        && (FINAL.contains(status.code()) || (status.code() >= 4000 && status.code() <= 4999))) {
                    ended = status.describe();
                    return true;
                }
                return false;
            }
            if (message instanceof WsMessage.Text text) {
                handle(parse(text.text()));
            }
        }
        return true;
    }

    private void handle(JsonObject event) {
        String type = event.getString("type", "");
        if (notifications) {
            if (type.equals("ready") && lastSeenId == null) {
                lastSeenId = event.getString("lastId", null);
            } else if (type.equals("notification")) {
                lastSeenId = event.getString("id");
            }
            consumer.accept(event);
        } else if (type.equals("welcome")) {
            consumer.accept(event);
            List<JsonObject> history = event.getJsonArray("history").stream().map(JsonValue::asJsonObject).toList();
            int seen = ChatResumption.lastSeenIndex(history, lastSeen);
            lastSeq = seen < 0 ? 0 : history.get(seen).getJsonNumber("seq").longValue();
            for (JsonObject message : history.subList(seen + 1, history.size())) {
                deliverMessage(message);
            }
        } else if (type.equals("message")) {
            deliverMessage(event);
        } else {
            consumer.accept(event);
        }
    }

    private void deliverMessage(JsonObject message) {
        long seq = message.getJsonNumber("seq").longValue();
        if (seq > lastSeq) {
            lastSeq = seq;
            lastSeen = ChatResumption.key(message);
            consumer.accept(message);
        }
    }

    private URI resumeUri(URI endpoint) {
        if (!notifications || lastSeenId == null) {
            return endpoint;
        }
        return URI.create(endpoint + (endpoint.getQuery() == null ? "?" : "&") + "lastSeenId="
                + URLEncoder.encode(lastSeenId, StandardCharsets.UTF_8));
    }

    private static long jittered(Duration delay) {
        long millis = delay.toMillis();
        return millis - millis / 5 + ThreadLocalRandom.current().nextLong(millis * 2 / 5 + 1);
    }

    private static JsonObject parse(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
