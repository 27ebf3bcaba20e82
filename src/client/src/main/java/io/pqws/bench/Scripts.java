package io.pqws.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the project's own shell scripts ({@code run.sh}, {@code stop.sh}, {@code bench/nginx.sh}) the way a user would,
 * so the benchmark measures exactly what the README tells people to start.
 */
final class Scripts {

    /** What a script printed and how it ended. */
    record Outcome(int exitCode, String output, Duration took) {
    }

    private Scripts() {
    }

    /** Runs {@code script args...} from {@code root} with standard input closed; fails past {@code timeout}. */
    static Outcome run(Path root, Duration timeout, String script, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(root.resolve(script).toString());
        command.addAll(List.of(args));
        Path output = Files.createTempFile("pqws-bench-", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            long start = System.nanoTime();
            Process process = builder.start();
            boolean ended;
            try {
                ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                process.destroy();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + script, e);
            }
            if (!ended) {
                process.destroy();
                throw new IOException(script + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new Outcome(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8),
                    Duration.ofNanos(System.nanoTime() - start));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Like {@link #run} but a non-zero exit is an {@link IOException} carrying the script's output. */
    static Outcome require(Path root, Duration timeout, String script, String... args) throws IOException {
        Outcome outcome = run(root, timeout, script, args);
        if (outcome.exitCode() != 0) {
            throw new IOException(script + " " + String.join(" ", args) + " failed (exit " + outcome.exitCode()
                    + "): " + outcome.output().strip());
        }
        return outcome;
    }
}
