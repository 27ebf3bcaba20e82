package io.pqws.it;

import static io.pqws.it.ItEnvironment.freePort;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.pqws.testsupport.OpenSslPeer;

/**
 * The project's nginx recipe, {@code server-config/nginx/pqws.conf}, run for real: Debian trixie's nginx on OpenSSL 3.5
 * in the peers' chroot (installed by {@code install-peers.sh}), terminating TLS in front of a container's plain HTTP
 * port.
 *
 * <p>Why the shipped file and not a test copy: the test must fail when the recipe a user pastes stops working. Only
 * the five lines the recipe marks {@code # yours:} are replaced (port, certificate, key, the container's port, the
 * address nginx connects from), and a marked line that is no longer there fails the test with its text. nginx runs in
 * the foreground as a child process (logs in its own directory, shown when it fails to start) and listens on every
 * address, so that a client can also come from a local non-loopback address: a "remote" visitor on one machine.
 */
final class NginxProxy implements AutoCloseable {

    private static final Path RECIPE = Path.of("server-config", "nginx", "pqws.conf");
    /**
     * The address nginx connects to the container from, the only one the test containers trust
     * ({@code pqws.proxy.trusted} in {@code pqws-it.properties}): a loopback address no other test client uses, so
     * every other test, connecting from 127.0.0.1, is not taken for the proxy.
     */
    static final String TRUSTED_ADDRESS = "127.0.0.3";

    private final Process process;
    private final Path directory;
    private final int port;

    private NginxProxy(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /** Starts the recipe on a free port, proxying to {@code containerHttpPort} on 127.0.0.1. */
    static NginxProxy start(Path repositoryRoot, Path certificates, int containerHttpPort)
            throws IOException, InterruptedException {
        Path chroot = OpenSslPeer.installed().chroot();
        if (!Files.isExecutable(chroot.resolve("usr/sbin/nginx"))) {
            throw new IllegalStateException("no nginx in " + chroot + "; run src/it/peers/install-peers.sh as root");
        }
        Path directory = Files.createTempDirectory(chroot.resolve("tmp"), "pqws-nginx-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        String inside = "/" + chroot.relativize(directory);
        Files.copy(certificates.resolve("server.pem"), directory.resolve("server.pem"));
        Files.copy(certificates.resolve("server-key.pem"), directory.resolve("server-key.pem"),
                StandardCopyOption.COPY_ATTRIBUTES);
        int port = freePort();
        Map<String, String> yours = new LinkedHashMap<>();
        yours.put("server 127.0.0.1:8080;", "server 127.0.0.1:" + containerHttpPort + ";");
        yours.put("listen 443 ssl;", "listen " + port + " ssl;");
        yours.put("ssl_certificate     /etc/nginx/pqws/server.pem;", "ssl_certificate " + inside + "/server.pem;");
        yours.put("ssl_certificate_key /etc/nginx/pqws/server-key.pem;",
                "ssl_certificate_key " + inside + "/server-key.pem;");
        yours.put("proxy_bind 127.0.0.1;", "proxy_bind " + TRUSTED_ADDRESS + ";");
        String recipe = Files.readString(repositoryRoot.resolve(RECIPE), StandardCharsets.UTF_8);
        for (Map.Entry<String, String> line : yours.entrySet()) {
            if (!recipe.contains(line.getKey())) {
                throw new IllegalStateException(RECIPE + " no longer contains the line '" + line.getKey()
                        + "' that this test replaces; update NginxProxy with the recipe");
            }
            recipe = recipe.replace(line.getKey(), line.getValue());
        }
        Files.writeString(directory.resolve("pqws.conf"), recipe);
        Files.writeString(directory.resolve("nginx.conf"), String.join("\n",
                "# The minimal main file around the recipe, as nginx.conf's http block includes conf.d/*.conf.",
                "worker_processes 1;",
                "pid " + inside + "/nginx.pid;",
                "error_log " + inside + "/error.log info;",
                "events { worker_connections 256; }",
                "http {",
                "    access_log " + inside + "/access.log;",
                "    include " + inside + "/pqws.conf;",
                "}", ""));
        Process process = new ProcessBuilder("chroot", chroot.toString(), "nginx", "-g", "daemon off;", "-c",
                inside + "/nginx.conf").redirectErrorStream(true)
                .redirectOutput(directory.resolve("stdout.log").toFile()).start();
        NginxProxy proxy = new NginxProxy(process, directory, port);
        try {
            proxy.awaitListening(Duration.ofSeconds(20));
        } catch (IOException | RuntimeException e) {
            proxy.close();
            throw e;
        }
        return proxy;
    }

    int port() {
        return port;
    }

    /** What nginx logged, for assertion messages. */
    String log() {
        try {
            return Files.readString(directory.resolve("stdout.log")) + Files.readString(directory.resolve("error.log"));
        } catch (IOException e) {
            return "(no nginx log: " + e + ")";
        }
    }

    private void awaitListening(Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with status " + process.exitValue() + ":\n" + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
        throw new IllegalStateException("nginx did not listen on " + port + " within " + limit + ":\n" + log());
    }

    @Override
    public void close() throws IOException {
        process.destroy(); // SIGTERM: nginx's fast shutdown
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
