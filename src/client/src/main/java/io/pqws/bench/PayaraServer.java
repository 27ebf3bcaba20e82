package io.pqws.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our WAR on Payara Micro, started with {@code server-config/payara-micro/run.sh --background --skip-build} under one
 * PQ profile ({@code none} = stock Payara Micro on the JDK's SunJSSE), each instance in a state directory of its own
 * so several run side by side.
 */
final class PayaraServer implements BenchServer {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    private static final Pattern READY = Pattern.compile("ready in ([0-9,.]+) \\(ms\\)");

    private final Path root;
    private final Path state;
    private final String name;
    private final String profile;
    private final int httpsPort;
    private final int httpPort;
    private final long pid;
    private final long readyMillis;
    private final Duration scriptTook;

    private PayaraServer(Path root, Path state, String name, String profile, int httpsPort, int httpPort, long pid,
            long readyMillis, Duration scriptTook) {
        this.root = root;
        this.state = state;
        this.name = name;
        this.profile = profile;
        this.httpsPort = httpsPort;
        this.httpPort = httpPort;
        this.pid = pid;
        this.readyMillis = readyMillis;
        this.scriptTook = scriptTook;
    }

    /**
     * Starts an instance and waits until the WAR is deployed.
     *
     * @param root    the project checkout (the WAR must be built)
     * @param profile {@code hybrid}, {@code hybrid-only}, {@code classic} or {@code none}
     * @param name    the name in tables
     * @param stateName the instance's state directory under {@code target/bench} (one instance per directory)
     * @param settings  the module settings file ({@link BenchSettings})
     * @param alsoDeploy WARs deployed beside {@code pqws.war} (context root: the file name)
     */
    static PayaraServer start(Path root, String profile, String name, String stateName, Path settings,
            Path... alsoDeploy) throws IOException {
        int https = Machine.freePort();
        int http = Machine.freePort();
        Path state = root.resolve("target/bench").resolve(stateName);
        Files.createDirectories(state);
        Files.deleteIfExists(state.resolve("payara-micro.log"));
        List<String> arguments = new ArrayList<>(List.of("--background", "--skip-build", "--profile", profile,
                "--https-port", Integer.toString(https), "--http-port", Integer.toString(http), "--state",
                state.toString(), "--settings", settings.toString()));
        for (Path war : alsoDeploy) {
            arguments.addAll(List.of("--also-deploy", war.toString()));
        }
        Scripts.Outcome outcome = Scripts.require(root, START_TIMEOUT, "server-config/payara-micro/run.sh",
                arguments.toArray(String[]::new));
        long pid = Long.parseLong(Files.readString(state.resolve("payara-micro.pid")).strip());
        String log = Files.readString(state.resolve("payara-micro.log"));
        Matcher ready = READY.matcher(log);
        if (!ready.find()) {
            throw new IOException("Payara Micro (" + profile + ") reported no 'ready in' time; see " + state);
        }
        long readyMillis = Long.parseLong(ready.group(1).replaceAll("[,.]", ""));
        return new PayaraServer(root, state, name, profile, https, http, pid, readyMillis, outcome.took());
    }

    @Override
    public String name() {
        return name;
    }

    String profile() {
        return profile;
    }

    @Override
    public int httpsPort() {
        return httpsPort;
    }

    @Override
    public int httpPort() {
        return httpPort;
    }

    /** The server JVM's process id (for jcmd). */
    long pid() {
        return pid;
    }

    /** Payara's own "ready in N (ms)": from the start of its boot to the WAR deployed. */
    long readyMillis() {
        return readyMillis;
    }

    /** How long run.sh took from launch to "ready" (includes JVM start; polls the log once a second). */
    Duration scriptTook() {
        return scriptTook;
    }

    @Override
    public long cpuNanos() {
        return ProcessCpu.nanos(pid);
    }

    @Override
    public void close() {
        try {
            Scripts.run(root, Duration.ofSeconds(60), "server-config/payara-micro/stop.sh", "--state",
                    state.toString());
        } catch (IOException e) {
            System.err.println("bench: could not stop Payara Micro (" + profile + "): " + e.getMessage());
        }
    }
}
