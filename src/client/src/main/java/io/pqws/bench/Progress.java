package io.pqws.bench;

import java.io.PrintWriter;
import java.time.Duration;

/** One line per step on standard error, with the time since the start, so a long run shows where it is. */
final class Progress {

    private final PrintWriter err;
    private final long start = System.nanoTime();

    Progress(PrintWriter err) {
        this.err = err;
    }

    void say(String message) {
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        err.printf("[%4d s] %s%n", seconds, message);
        err.flush();
    }
}
