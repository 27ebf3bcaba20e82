package io.pqws.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The servers a run compares, started once on loopback and stopped at the end (also on Ctrl+C): our WAR on Payara
 * Micro under the {@code hybrid} and {@code classic} profiles, stock Payara Micro (SunJSSE, no profile) and,
 * optionally, nginx on OpenSSL 3.5; the hybrid instance also carries the fan-out case's baseline
 * ({@link BaselineWar}). Started one after another so that each start is also a clean cold-start sample.
 */
final class Servers implements AutoCloseable {

    private final List<BenchServer> started = new ArrayList<>();
    private final Thread stopOnExit = new Thread(this::close, "bench-stop-servers");
    private PayaraServer hybrid;
    private PayaraServer classic;
    private PayaraServer stock;
    private NginxServer nginx;
    private Path settings;

    Servers() {
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Starts the three Payara instances. {@code proxyHttpsPort} is where nginx will listen (-1: no nginx), so that the
     * containers accept the origin of pages served through it.
     */
    void startPayara(Path root, int proxyHttpsPort, Progress progress) throws IOException {
        settings = BenchSettings.write(root, proxyHttpsPort);
        stock = track(progress, PayaraServer.start(root, "none", "stock Payara (SunJSSE)", "payara-none", settings));
        classic = track(progress, PayaraServer.start(root, "classic", "Payara classic", "payara-classic", settings));
        hybrid = startHybridWithBaseline(root, progress);
    }

    /** Starts only the hybrid instance, for runs whose cases need no other ({@code --cases fanout}). */
    void startHybrid(Path root, Progress progress) throws IOException {
        settings = BenchSettings.write(root, -1);
        hybrid = startHybridWithBaseline(root, progress);
    }

    /** The hybrid instance carries the fan-out case's baseline WAR ({@link BaselineWar}) beside {@code pqws.war}. */
    private PayaraServer startHybridWithBaseline(Path root, Progress progress) throws IOException {
        return track(progress, PayaraServer.start(root, "hybrid", "Payara hybrid", "payara-hybrid", settings,
                BaselineWar.write(root)));
    }

    /** The module settings the Payara instances run with ({@link BenchSettings}). */
    Path settings() {
        return settings;
    }

    /** nginx proxies to the stock container's plain HTTP port (its TLS is nginx's; the container's is unused). */
    void startNginx(Path root, Path peersDir, int httpsPort, Progress progress) throws IOException {
        nginx = track(progress, NginxServer.start(root, peersDir, httpsPort, stock.httpPort()));
        progress.say(nginx.version());
    }

    PayaraServer hybrid() {
        return hybrid;
    }

    PayaraServer classic() {
        return classic;
    }

    PayaraServer stock() {
        return stock;
    }

    /** The nginx, or null when the run does not include it. */
    NginxServer nginx() {
        return nginx;
    }

    private <T extends BenchServer> T track(Progress progress, T server) {
        started.add(server);
        if (server instanceof PayaraServer) {
            PayaraServer payara = (PayaraServer) server;
            progress.say(server.name() + " ready in " + payara.readyMillis() + " ms (https " + server.httpsPort()
                    + ", http " + server.httpPort() + ")");
        }
        return server;
    }

    @Override
    public synchronized void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        started.clear();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // called from the hook itself
        }
    }
}
