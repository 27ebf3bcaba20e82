package io.pqws.it;

import static io.pqws.it.ItEnvironment.freePort;
import static io.pqws.it.ItEnvironment.property;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.pqws.profile.WildFlyCliProperties;

/**
 * A real WildFly for the integration tests, run the way docs/containers.md tells users to: the unpacked distribution
 * (pristine for every build, see {@code pom.xml}) is configured offline by
 * {@code server-config/wildfly/configure-pq.cli} with the profile's {@code <profile>.wildfly.properties} (written by
 * {@code WildFlyCliProperties}), the built WARs ({@code pqws.war} and the sample portal) go into
 * {@code standalone/deployments}, and {@code bin/standalone.sh} starts it on free loopback ports with the test JVM's
 * own Java, with the tests' {@code pqws.*} settings ({@code pqws-it.properties}, as on Payara Micro).
 * {@link #stopAndRestore} stops it and runs {@code restore.cli}.
 *
 * <p>Every wait is bounded and driven by the server's own output (the boot-complete message), by process exit or by
 * the deployment scanner's marker files (polled: the scanner offers nothing to block on). The server's console
 * output is kept per profile, in {@code target/wildfly/server-console-<profile>.log}, so that the next leg does not
 * overwrite it.
 */
final class WildFlyServer implements PqwsListener {

    private static final Duration CLI_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(1);
    /** "WildFly ... started in" and "started (with errors) in": WildFly's boot-complete messages. */
    private static final List<String> BOOT_COMPLETE = List.of("WFLYSRV0025", "WFLYSRV0026");

    private final Path home;
    private final int httpsPort;
    private final Process process;

    private WildFlyServer(Path home, int httpsPort, Process process) {
        this.home = home;
        this.httpsPort = httpsPort;
        this.process = process;
    }

    /** The WildFly the build unpacked (system property {@code pqws.wildfly.home}). */
    static Path home() {
        return Path.of(property("pqws.wildfly.home"));
    }

    static Path standaloneXml() {
        return home().resolve("standalone/configuration/standalone.xml");
    }

    /** Runs configure-pq.cli for the failsafe execution's profile, deploys the built WARs and starts the server. */
    static WildFlyServer configureDeployAndStart() throws IOException, InterruptedException {
        Path home = home();
        Path certs = PqwsServer.certsDir().toAbsolutePath();
        runCli(home, List.of("--resolve-parameter-values",
                "--properties=" + writeCliProperties(),
                "-Dpqws.cli.key-store=" + certs.resolve("server.p12"),
                "-Dpqws.cli.trust-store=" + certs.resolve("truststore.p12"),
                "-Dpqws.cli.store-password=" + new String(PqwsServer.STORE_PASSWORD),
                "--file=" + script("configure-pq.cli")));
        for (Map.Entry<String, Path> war : wars().entrySet()) {
            Files.copy(war.getValue(), home.resolve("standalone/deployments/" + war.getKey() + ".war"),
                    StandardCopyOption.REPLACE_EXISTING);
        }

        int https = freePort();
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/standalone.sh").toString(),
                "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
                "-Djboss.https.port=" + https, "-Djboss.http.port=" + freePort(),
                "-Djboss.management.http.port=" + freePort(),
                "--properties=" + Path.of(property("pqws.it.resources"), "pqws-it.properties").toUri())
                .redirectErrorStream(true);
        Map<String, String> environment = new HashMap<>();
        environment(environment);
        // With this set, standalone.sh forwards a TERM to the server JVM and waits for it.
        environment.put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        environment.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        Process process = builder.start();
        WildFlyServer server = new WildFlyServer(home, https, process);
        try {
            server.awaitBoot();
        } catch (IOException | RuntimeException e) {
            server.stop();
            throw e;
        }
        return server;
    }

    /** The WARs deployed side by side, by context: pqws.war and the sample portal, a WAR that uses the library. */
    private static Map<String, Path> wars() {
        return Map.of(PqwsServer.CONTEXT, Path.of(property("pqws.war")), SamplePortal.CONTEXT, SamplePortal.war());
    }

    @Override
    public int httpsPort() {
        return httpsPort;
    }

    /** Stops the server, then undoes the configuration with restore.cli (the server must be stopped for it). */
    void stopAndRestore() throws IOException, InterruptedException {
        stop();
        for (String context : wars().keySet()) {
            Files.deleteIfExists(home.resolve("standalone/deployments/" + context + ".war"));
        }
        runCli(home, List.of("--file=" + script("restore.cli")));
    }

    private void awaitBoot() throws IOException, InterruptedException {
        Path log = home.getParent().resolve("server-console-" + PqwsServer.profile() + ".log");
        CompletableFuture<String> booted = new CompletableFuture<>();
        Thread pump = new Thread(() -> copyOutput(log, booted), "wildfly-console");
        pump.setDaemon(true);
        pump.start();
        process.onExit().thenRun(() -> booted.completeExceptionally(new IllegalStateException(
                "WildFly exited during start-up with status " + process.exitValue() + "; see " + log)));
        String line;
        try {
            line = booted.get(BOOT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("WildFly did not finish booting within " + BOOT_TIMEOUT + "; see " + log);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
        if (line.contains("WFLYSRV0026")) {
            throw new IllegalStateException("WildFly started with errors: " + line + "; see " + log);
        }
        Path deployments = home.resolve("standalone/deployments");
        for (String context : wars().keySet()) {
            Path failed = deployments.resolve(context + ".war.failed");
            if (Files.exists(failed)) {
                throw new IllegalStateException(context + ".war failed to deploy: " + Files.readString(failed));
            }
            if (!Files.exists(deployments.resolve(context + ".war.deployed"))) {
                throw new IllegalStateException("WildFly booted but " + context + ".war is not deployed; see " + log);
            }
        }
    }

    /**
     * Undeploys one of the WARs the way an operator would with the deployment scanner: its file leaves
     * {@code standalone/deployments}, and the scanner (every 5 s by default) answers with {@code <war>.undeployed}.
     */
    void undeploy(String context) throws IOException, InterruptedException {
        Path deployments = home.resolve("standalone/deployments");
        Files.delete(deployments.resolve(context + ".war"));
        awaitMarker(deployments.resolve(context + ".war.undeployed"));
    }

    /** Deploys one of the WARs again by copying it back: the scanner answers with {@code <war>.deployed}. */
    void redeploy(String context) throws IOException, InterruptedException {
        Path deployments = home.resolve("standalone/deployments");
        Files.copy(wars().get(context), deployments.resolve(context + ".war"), StandardCopyOption.REPLACE_EXISTING);
        awaitMarker(deployments.resolve(context + ".war.deployed"));
    }

    private static void awaitMarker(Path marker) throws IOException, InterruptedException {
        Path failed = marker.resolveSibling(marker.getFileName().toString().replaceFirst("\\.[a-z]+$", ".failed"));
        long deadline = System.nanoTime() + DEPLOY_TIMEOUT.toNanos();
        while (!Files.exists(marker)) {
            if (Files.exists(failed)) {
                throw new IllegalStateException(failed.getFileName() + ": " + Files.readString(failed));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + marker.getFileName() + " within " + DEPLOY_TIMEOUT);
            }
            Thread.sleep(200); // the scanner writes marker files; nothing to block on
        }
    }

    /** Copies the console to the log file and completes {@code booted} with the boot-complete line. */
    private void copyOutput(Path log, CompletableFuture<String> booted) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.println(line);
                String current = line;
                if (BOOT_COMPLETE.stream().anyMatch(current::contains)) {
                    booted.complete(current);
                }
            }
        } catch (IOException e) {
            booted.completeExceptionally(new UncheckedIOException("reading WildFly's console output", e));
        }
    }

    /**
     * Stops the server with SIGTERM (to {@code standalone.sh}, which forwards it, and to the server JVM) and waits for
     * it; kills what has not exited within a minute. Returns whether everything exited by itself; a server already
     * stopped counts as such.
     */
    boolean stop() throws InterruptedException {
        List<ProcessHandle> jvms = new ArrayList<>(process.descendants().toList());
        process.destroy();
        jvms.forEach(ProcessHandle::destroy);
        boolean byItself = true;
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            jvms.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            byItself = false;
        }
        for (ProcessHandle jvm : jvms) {
            try {
                jvm.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                jvm.destroyForcibly();
                byItself = false;
            }
        }
        return byItself;
    }

    /**
     * Writes {@code <profile>.wildfly.properties} with the command docs/containers.md gives, into the directory that
     * {@code pqws.wildfly.cli.properties} names, and returns its path.
     */
    private static Path writeCliProperties() throws IOException, InterruptedException {
        Path file = Path.of(property("pqws.wildfly.cli.properties"));
        Path root = Path.of(property("pqws.basedir"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ExternalCommand.run(List.of(java, "-cp", root.resolve("target/pqws-client/pqws-client.jar").toString(),
                WildFlyCliProperties.class.getName(), "--profiles", root.resolve("pq-profile").toString(),
                "--jars", root.resolve("target/pq-profile/jars").toString(), "--out", file.getParent().toString(),
                "--profile", PqwsServer.profile()), Map.of(), CLI_TIMEOUT);
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " was not written; does pqws.wildfly.cli.properties name "
                    + "<out>/" + PqwsServer.profile() + ".wildfly.properties?");
        }
        return file;
    }

    private static void runCli(Path home, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/jboss-cli.sh").toString());
        command.addAll(arguments);
        Map<String, String> environment = new HashMap<>();
        environment(environment);
        ExternalCommand.run(command, environment, CLI_TIMEOUT);
    }

    /** The test JVM's own Java, and none of the caller's WildFly settings (null: remove the variable). */
    private static void environment(Map<String, String> environment) {
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("JAVA_OPTS", null);
        environment.put("JBOSS_HOME", null);
    }

    private static Path script(String name) {
        return Path.of(property("pqws.basedir"), "server-config", "wildfly", name);
    }
}
