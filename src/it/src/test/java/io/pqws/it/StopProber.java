package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Publishes notifications from a few threads, each every {@value #EVERY_MILLIS} ms, while a server serves, stops,
 * starts and serves again, and keeps every answer by phase ({@link #phase}): how often each kind came, and the first
 * few bodies of every kind that is neither 202 nor 404, with when they came, so that a failure shows what the client
 * was told. Its notifications go to a user no test follows.
 *
 * <p>While the module serves, every answer is a 202. While the server is down, a client may also see a refused or
 * reset connection, 404 while the WAR is not deployed, 503 with {@code Retry-After}, and the two answers Payara itself
 * gives after it has taken the module down and before it closes its listener (docs/load-and-faults.md): Catalina's
 * 503 error page for an application that is no longer available (no {@code Retry-After}), and an empty 500 from
 * Payara's {@code ContainerMapper} once the web container has stopped. Never any other 5xx (a 500 from the module
 * would carry Catalina's error page), and never a stack trace.
 */
final class StopProber implements AutoCloseable {

    private static final int THREADS = 2;
    static final long EVERY_MILLIS = 20;
    private static final int EVIDENCE_PER_KIND = 3;
    private static final Duration ANSWER = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI target;
    private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(THREADS, task -> {
        Thread thread = new Thread(task, "stop-prober");
        thread.setDaemon(true);
        return thread;
    });
    /** The kind of a 503 that Catalina answers for an application that is not (or no longer) available. */
    static final String CONTAINERS_503 = "HTTP 503 (the container's error page)";
    /** The kind of the empty 500 that Payara's ContainerMapper answers once its web container has stopped. */
    static final String CONTAINERS_500 = "HTTP 500 (empty: the container's mapper)";
    static final String RETRY_503 = "HTTP 503 with Retry-After";

    private final Map<String, Map<String, Integer>> outcomes = new TreeMap<>(); // guarded by itself
    private final Map<String, List<String>> evidence = new TreeMap<>(); // guarded by outcomes
    private volatile String phase;

    StopProber(HttpClient http, URI target, String firstPhase) {
        this.http = http;
        this.target = target;
        this.phase = firstPhase;
        for (int i = 0; i < THREADS; i++) {
            threads.scheduleWithFixedDelay(this::probe, i * EVERY_MILLIS / THREADS, EVERY_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    private void probe() {
        String sentIn = phase; // what the server was doing when asked, not when a late answer or time-out came
        HttpRequest request = HttpRequest.newBuilder(target).timeout(ANSWER)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"stop-prober\",\"title\":\"probe\"}"))
                .build();
        String outcome;
        String body = null;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            outcome = kind(response);
            int status = response.statusCode();
            if (status != 202 && status != 404) {
                body = outcome + " " + response.headers().firstValue("Content-Type").orElse("(no type)") + " "
                        + response.headers().firstValue("Retry-After").map(v -> "Retry-After: " + v + " ").orElse("")
                        + response.body();
            }
        } catch (IOException | RuntimeException e) {
            outcome = e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (outcomes) {
            outcomes.computeIfAbsent(sentIn, p -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
            List<String> kept = evidence.computeIfAbsent(sentIn + ": " + outcome, o -> new ArrayList<>());
            if (body != null && kept.size() < EVIDENCE_PER_KIND) {
                kept.add(Instant.now() + " " + body);
            }
            outcomes.notifyAll();
        }
    }

    private static String kind(HttpResponse<String> response) {
        int status = response.statusCode();
        String body = response.body();
        if (status == 503 && response.headers().firstValue("Retry-After").isPresent()) {
            return RETRY_503;
        } else if (status == 503 && body.contains("<h1>HTTP Status 503 - Service Unavailable</h1>")) {
            return CONTAINERS_503;
        } else if (status == 500 && body.isEmpty()) {
            return CONTAINERS_500;
        }
        return "HTTP " + status;
    }

    /** From now on, the answers count as those of {@code name}. */
    void phase(String name) {
        phase = name;
    }

    /** How many 202 it has had in the current phase. */
    int published() {
        synchronized (outcomes) {
            return outcomes.getOrDefault(phase, Map.of()).getOrDefault("HTTP 202", 0);
        }
    }

    /** Waits until it has had {@code count} 202 in the current phase; false on time-out. */
    boolean awaitPublished(int count, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (outcomes) {
            for (long left = wait.toNanos(); published() < count; left = deadline - System.nanoTime()) {
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(outcomes, left);
            }
            return true;
        }
    }

    /**
     * Every answer in the phases named in {@code serving} was a 202, and every other one was of a kind a client may see
     * while the server is down (above).
     */
    void assertOnlyWhatAStopMayCause(List<String> serving) {
        List<String> allowedWhileDown = List.of("HTTP 202", "HTTP 404", RETRY_503, CONTAINERS_503, CONTAINERS_500);
        synchronized (outcomes) {
            boolean clean = outcomes.entrySet().stream().allMatch(phaseOutcomes -> phaseOutcomes.getValue().keySet()
                    .stream().allMatch(kind -> serving.contains(phaseOutcomes.getKey()) ? kind.equals("HTTP 202")
                            : allowedWhileDown.contains(kind) || !kind.startsWith("HTTP ")))
                    && evidence.values().stream().flatMap(List::stream)
                            .noneMatch(b -> AbuseCorpusIT.STACK_TRACE.matcher(b).find());
            assertTrue(clean, "what the prober was told: " + this + "; answers: " + evidence);
        }
    }

    @Override
    public void close() {
        threads.shutdown();
        try {
            if (!threads.awaitTermination(ANSWER.toSeconds() * 2, TimeUnit.SECONDS)) {
                throw new AssertionError("the prober did not stop");
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        synchronized (outcomes) {
            return "outcomes " + outcomes;
        }
    }
}
