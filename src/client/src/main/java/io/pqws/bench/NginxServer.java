package io.pqws.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * nginx on OpenSSL 3.5 terminating TLS with {@code X25519MLKEM768:X25519} in front of a container's plain HTTP port,
 * run by {@code bench/nginx.sh} in a Debian trixie chroot: the alternative a user would pick instead of a PQ profile.
 */
final class NginxServer implements BenchServer {

    private final Path root;
    private final int httpsPort;
    private final int backendPort;
    private final long pid;
    private final String version;

    private NginxServer(Path root, int httpsPort, int backendPort, long pid, String version) {
        this.root = root;
        this.httpsPort = httpsPort;
        this.backendPort = backendPort;
        this.pid = pid;
        this.version = version;
    }

    /**
     * Prepares the chroot if needed (copying {@code peersDir/trixie}) and starts nginx on {@code https}, proxying to
     * the backend's plain HTTP port.
     */
    static NginxServer start(Path root, Path peersDir, int https, int backendHttpPort) throws IOException {
        Scripts.require(root, Duration.ofMinutes(10), "bench/nginx.sh", "prepare", "--peers", peersDir.toString());
        Scripts.Outcome started = Scripts.require(root, Duration.ofSeconds(60), "bench/nginx.sh", "start",
                "--https-port", Integer.toString(https), "--backend-port", Integer.toString(backendHttpPort),
                "--certs", root.resolve("certs/dev").toString());
        Path pidFile = root.resolve(".peers/bench-nginx/run/pqws-bench-nginx.pid");
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        return new NginxServer(root, https, backendHttpPort, pid, started.output().strip());
    }

    @Override
    public String name() {
        return "nginx (OpenSSL 3.5)";
    }

    /** What nginx.sh printed: nginx and OpenSSL versions. */
    String version() {
        return version;
    }

    @Override
    public int httpsPort() {
        return httpsPort;
    }

    @Override
    public int httpPort() {
        return backendPort;
    }

    @Override
    public long cpuNanos() {
        return ProcessCpu.nanos(pid);
    }

    @Override
    public void close() {
        try {
            Scripts.run(root, Duration.ofSeconds(30), "bench/nginx.sh", "stop");
        } catch (IOException e) {
            System.err.println("bench: could not stop nginx: " + e.getMessage());
        }
    }
}
