package io.pqws.it;

import static io.pqws.it.ItEnvironment.freePort;
import static io.pqws.it.ItEnvironment.property;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real Open Liberty server for the integration tests, set up the way docs/containers.md tells users to: the
 * unpacked runtime (pristine for every build, see {@code pom.xml}) gets a new server from Liberty's Jakarta EE 10
 * web profile template on free loopback ports, {@code server-config/open-liberty/configure-pq.sh} applies the
 * profile, the built WAR goes into {@code dropins/}, and {@code bin/server run} starts it in the foreground on the
 * test JVM's own Java. {@link #stopAndRestore} stops it and runs {@code restore.sh}; {@link #delete} removes the
 * server again.
 *
 * <p>Every wait is bounded and driven by the server's console output (Liberty's audit messages) or by process exit,
 * never by sleeping. The console is kept per profile, in
 * {@code target/open-liberty/server-console-<profile>.log}.
 */
final class OpenLibertyServer implements PqwsListener {

    static final String NAME = "pqws-it";
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);
    /** Liberty's "server is ready" audit message; the WAR's "application started" and "failed to start" ones. */
    private static final String SERVER_READY = "CWWKF0011I";
    private static final String APP_STARTED = "CWWKZ0001I: Application " + PqwsServer.CONTEXT + " started";
    private static final List<String> APP_FAILED = List.of("CWWKZ0002E", "CWWKZ0004E");
    /** Written by Liberty itself while it runs (or by the tests: dropins), never by the pqws scripts. */
    private static final Set<String> RUNTIME_DIRECTORIES = Set.of("logs", "workarea", "dropins", "apps", "resources");

    private final Path home;
    private final int httpPort;
    private final int httpsPort;
    private Process process;

    private OpenLibertyServer(Path home, int httpPort, int httpsPort) {
        this.home = home;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
    }

    /**
     * Creates the server from Liberty's {@code webProfile10} template and moves its two ports (9080, 9443 in the
     * template) to free ones: the user's own server, before pqws. configure-pq.sh leaves the http port alone and
     * sets the https one to another free port.
     */
    static OpenLibertyServer create() throws IOException, InterruptedException {
        OpenLibertyServer server = new OpenLibertyServer(Path.of(property("pqws.liberty.home")), freePort(),
                freePort());
        server.command("create", NAME, "--template=webProfile10");
        Path serverXml = server.serverDir().resolve("server.xml");
        String xml = Files.readString(serverXml);
        if (!xml.contains("httpPort=\"9080\"") || !xml.contains("httpsPort=\"9443\"")) {
            throw new IllegalStateException("Liberty's webProfile10 template no longer has ports 9080 and 9443: "
                    + xml);
        }
        Files.writeString(serverXml, xml.replace("httpPort=\"9080\"", "httpPort=\"" + server.httpPort + "\"")
                .replace("httpsPort=\"9443\"", "httpsPort=\"" + freePort() + "\""));
        return server;
    }

    /** Runs configure-pq.sh for the failsafe execution's profile, with this server's https port. */
    void configure() throws IOException, InterruptedException {
        script("configure-pq.sh", "--profile", PqwsServer.profile(), "--certs",
                PqwsServer.certsDir().toAbsolutePath().toString(), "--https-port", String.valueOf(httpsPort));
    }

    /** Puts the built WAR into dropins/ and starts the server; returns once the WAR has started. */
    void deployAndStart() throws IOException, InterruptedException {
        Path dropins = serverDir().resolve("dropins");
        Files.createDirectories(dropins);
        Files.copy(Path.of(property("pqws.war")), dropins.resolve(PqwsServer.CONTEXT + ".war"));
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/server").toString(), "run", NAME)
                .redirectErrorStream(true);
        environment().forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        process = builder.start();
        try {
            awaitStart();
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** Removes the WAR from dropins/: Liberty stops the application and removes it, the server keeps running. */
    void undeploy() throws IOException {
        Files.deleteIfExists(serverDir().resolve("dropins").resolve(PqwsServer.CONTEXT + ".war"));
    }

    /** Stops the server, then undoes the configuration with restore.sh. */
    void stopAndRestore() throws IOException, InterruptedException {
        stop();
        script("restore.sh");
    }

    /** Removes the server directory. */
    void delete() throws IOException {
        try (Stream<Path> files = Files.walk(serverDir())) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /**
     * The server's configuration as the user sees it: every file of the server directory by relative path, with its
     * content, except the directories Liberty writes while it runs (logs, workarea, apps, resources) and dropins.
     */
    Map<String, String> configuration() throws IOException {
        Path dir = serverDir();
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path relative = dir.relativize(file);
                if (!RUNTIME_DIRECTORIES.contains(relative.getName(0).toString())) {
                    files.put(relative.toString(), new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                }
            }
        }
        return files;
    }

    Path serverDir() {
        return home.resolve("usr/servers").resolve(NAME);
    }

    @Override
    public int httpsPort() {
        return httpsPort;
    }

    /**
     * Over plain HTTP, for the operator's view where the JDK's own HTTP client, which offers no hybrid group, would
     * be refused (hybrid-only) or would itself show up in what is measured.
     */
    URI http(String path) {
        return URI.create("http://localhost:" + httpPort + "/" + PqwsServer.CONTEXT + "/" + path);
    }

    private void awaitStart() throws IOException, InterruptedException {
        Path log = home.getParent().resolve("server-console-" + PqwsServer.profile() + ".log");
        CompletableFuture<String> started = new CompletableFuture<>();
        Thread pump = new Thread(() -> copyOutput(log, started), "liberty-console");
        pump.setDaemon(true);
        pump.start();
        process.onExit().thenRun(() -> started.completeExceptionally(new IllegalStateException(
                "Open Liberty exited during start-up with status " + process.exitValue() + "; see " + log)));
        String line;
        try {
            line = started.get(BOOT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Open Liberty did not start " + PqwsServer.CONTEXT + ".war within "
                    + BOOT_TIMEOUT + "; see " + log);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
        if (!line.contains(APP_STARTED)) {
            throw new IllegalStateException(PqwsServer.CONTEXT + ".war failed to start: " + line + "; see " + log);
        }
    }

    /**
     * Copies the console to the log file and completes {@code started} once both the server and the WAR are up
     * (Liberty prints the two in either order), or with the first line that says the WAR failed.
     */
    private void copyOutput(Path log, CompletableFuture<String> started) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            boolean ready = false;
            String appStarted = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.println(line);
                String current = line;
                ready |= line.contains(SERVER_READY);
                if (line.contains(APP_STARTED)) {
                    appStarted = line;
                }
                if (APP_FAILED.stream().anyMatch(current::contains)) {
                    started.complete(line);
                } else if (ready && appStarted != null) {
                    started.complete(appStarted);
                }
            }
        } catch (IOException e) {
            started.completeExceptionally(new UncheckedIOException("reading Open Liberty's console output", e));
        }
    }

    /** Stops the server with {@code bin/server stop} and waits for the foreground process; kills it if it hangs. */
    private void stop() throws IOException, InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        List<ProcessHandle> jvms = new ArrayList<>(process.descendants().toList());
        command("stop", NAME);
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            jvms.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException("Open Liberty did not stop within " + STOP_TIMEOUT + "; killed it");
        }
    }

    private String command(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/server").toString()));
        command.addAll(List.of(arguments));
        return ExternalCommand.run(command, environment(), COMMAND_TIMEOUT);
    }

    private void script(String name, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(property("pqws.basedir"), "server-config", "open-liberty", name).toString(),
                "--server-dir", serverDir().toString()));
        command.addAll(List.of(arguments));
        ExternalCommand.run(command, environment(), COMMAND_TIMEOUT);
    }

    /** The test JVM's own Java, and none of the caller's Liberty settings (null: remove the variable). */
    private static Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        for (String variable : List.of("JVM_ARGS", "WLP_USER_DIR", "WLP_OUTPUT_DIR", "JAVA_OPTS", "OPENJ9_JAVA_OPTIONS",
                "IBM_JAVA_OPTIONS")) {
            environment.put(variable, null);
        }
        return environment;
    }
}
