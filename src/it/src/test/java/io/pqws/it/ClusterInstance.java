package io.pqws.it;

import static io.pqws.it.ItEnvironment.freePort;
import static io.pqws.it.ItEnvironment.property;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * One Payara Micro 6 of a test cluster, started by the test itself (Arquillian manages one container per class):
 * the built WAR, the PQ profile of the failsafe execution, the test PKI, the project's pre-boot commands, and a data
 * grid confined to this test run: its own cluster name, TCP/IP discovery of the given loopback ports only, loopback
 * interface. Every port is chosen free at run time; {@link #restart} starts a stopped instance again on the same
 * ports, as an operator restarts a server behind a fixed address.
 *
 * <p>Its output goes to {@code target/scale-out/NAME.log} and is watched line by line, so that the test can wait for
 * "ready" or a grid membership change with a bounded wait instead of sleeping.
 */
final class ClusterInstance implements PqwsListener, AutoCloseable {

    private static final Duration START = Duration.ofSeconds(240);

    private final String name;
    private final int httpsPort;
    private final List<String> command;
    private final Process process;
    private final Path log;
    private final Map<String, CompletableFuture<String>> awaited = new ConcurrentHashMap<>();
    private final List<String> lines = new ArrayList<>(); // guarded by itself

    private ClusterInstance(String name, int httpsPort, List<String> command, Process process, Path log) {
        this.name = name;
        this.httpsPort = httpsPort;
        this.command = command;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts an instance; {@link #awaitReady()} waits for it.
     *
     * @param gridPort    this instance's data grid port
     * @param gridMembers every instance's data grid port, this one's included
     */
    static ClusterInstance start(String name, String clusterName, int gridPort, List<Integer> gridMembers,
            Path settings) throws IOException {
        return start(name, settings, List.of("--name", name, "--clustername", clusterName,
                "--interfaces", "127.0.0.1", "--startport", Integer.toString(gridPort), "--nohostaware",
                "--clustermode", "tcpip:" + String.join(",", gridMembers.stream().map(p -> "127.0.0.1:" + p)
                        .toList())));
    }

    /** Starts an instance whose Payara Micro runs without its data grid ({@code --nohazelcast}). */
    static ClusterInstance startWithoutGrid(String name, Path settings) throws IOException {
        return start(name, settings, List.of("--nohazelcast"));
    }

    /**
     * Starts an instance without its data grid that also deploys {@code war} beside {@code pqws.war}, under the
     * context root of its file name.
     */
    static ClusterInstance startWithoutGridBeside(String name, Path settings, Path war) throws IOException {
        return start(name, settings, List.of("--nohazelcast", "--deploy", war.toString()));
    }

    private static ClusterInstance start(String name, Path settings, List<String> gridOptions) throws IOException {
        int httpsPort = freePort();
        Path certs = PqwsServer.certsDir();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "@" + property("pqws.profile.args"),
                "-Djavax.net.ssl.keyStore=" + certs.resolve("server.p12"), "-Djavax.net.ssl.keyStorePassword=changeit",
                "-Djavax.net.ssl.trustStore=" + certs.resolve("truststore.p12"),
                "-Djavax.net.ssl.trustStorePassword=changeit",
                "-jar", property("pqws.payara.micro.jar"),
                "--deploy", property("pqws.war"), "--contextroot", PqwsServer.CONTEXT,
                "--port", Integer.toString(freePort()), "--sslport", Integer.toString(httpsPort),
                "--sslcert", "pqws-server", "--prebootcommandfile", property("pqws.preboot"),
                "--systemproperties", settings.toString()));
        command.addAll(gridOptions);
        return launch(name, httpsPort, List.copyOf(command));
    }

    /**
     * Starts this instance's Payara Micro again, with the same command and so on the same ports, after it stopped
     * ({@link #close()} or {@link #kill()}); the new one's output goes to {@code target/scale-out/NAME.log}.
     */
    ClusterInstance restart(String newName) throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " still runs: close or kill it before restarting it");
        }
        return launch(newName, httpsPort, command);
    }

    private static ClusterInstance launch(String name, int httpsPort, List<String> command) throws IOException {
        Path dir = Path.of(property("pqws.basedir"), "target", "scale-out");
        Files.createDirectories(dir);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        ClusterInstance instance = new ClusterInstance(name, httpsPort, command, process, dir.resolve(name + ".log"));
        instance.watch();
        return instance;
    }

    /** Waits until the WAR is deployed and the instance serves; fails with the log's name otherwise. */
    void awaitReady() throws InterruptedException {
        awaitStarted();
        if (contains("Exception while loading the app")) {
            throw new AssertionError(name + " failed to deploy the WAR: see " + log);
        }
    }

    /**
     * Waits until Payara Micro is up and asserts that the module refused to deploy, saying why: {@code reason} is in
     * the log, and the module's {@code /api/tls} answers 404 instead of serving anything with a fallback.
     */
    void assertModuleRefused(String reason) throws Exception {
        awaitStarted();
        assertTrue(contains(reason), "the reason is in the server log: " + reason + " (see " + log + ")");
        HttpResponse<String> response = Users.https(null).send(HttpRequest.newBuilder(https("api/tls"))
                .timeout(Users.WAIT).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, response.statusCode(), "the module is not deployed, rather than running alone");
    }

    /** Waits until Payara Micro says it is ready, whether or not the WAR deployed. */
    void awaitStarted() throws InterruptedException {
        if (awaitLine("ready in", START) == null) {
            throw new AssertionError(name + " was not ready within " + START + ": see " + log);
        }
    }

    /** Waits for the first output line containing {@code text} (seen before or after this call); null on time-out. */
    String awaitLine(String text, Duration wait) throws InterruptedException {
        CompletableFuture<String> future = awaited.computeIfAbsent(text, t -> new CompletableFuture<>());
        synchronized (lines) {
            lines.stream().filter(l -> l.contains(text)).findFirst().ifPresent(future::complete);
        }
        try {
            return future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    boolean contains(String text) {
        synchronized (lines) {
            return lines.stream().anyMatch(l -> l.contains(text));
        }
    }

    /** The output lines seen so far in which {@code pattern} finds a match. */
    List<String> linesMatching(Pattern pattern) {
        synchronized (lines) {
            return lines.stream().filter(l -> pattern.matcher(l).find()).toList();
        }
    }

    @Override
    public int httpsPort() {
        return httpsPort;
    }

    /** Where the output goes, for failure messages. */
    Path log() {
        return log;
    }

    /** Kills the instance at once, as a crash would: no shutdown hooks, no goodbye to the grid. */
    void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " did not die");
        }
    }

    /**
     * Stops the instance with SIGTERM (as an orchestrator or Ctrl+C would) and waits for it to exit; kills it when it
     * has not within 60 s. Returns whether it exited by itself.
     */
    boolean stop() {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    kill();
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the instance ({@link #stop()}). */
    @Override
    public void close() {
        stop();
    }

    private void watch() {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
                    PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    out.println(line);
                    synchronized (lines) {
                        lines.add(line);
                    }
                    String seen = line;
                    awaited.forEach((text, future) -> {
                        if (seen.contains(text)) {
                            future.complete(seen);
                        }
                    });
                }
            } catch (IOException e) {
                // the stream was closed when the process was stopped: its output ends here
            } finally {
                awaited.values().forEach(future -> future.complete(null));
            }
        }, name + "-output");
        reader.setDaemon(true);
        reader.start();
    }
}
