package io.pqws.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.pqws.tls.NamedGroups;

/**
 * An independent TLS peer: OpenSSL 3.5's {@code openssl s_client} (and {@code s_server}, {@link #server}), run in the
 * Debian trixie chroot that {@code src/it/peers/install-peers.sh} makes (Debian 12's own OpenSSL 3.0 knows no ML-KEM
 * group).
 *
 * <p>The chroot is {@code <peers dir>/trixie}, where the peers dir is the system property {@code pqws.peers.dir}, else
 * {@code <pqws.basedir>/.peers} (surefire sets {@code pqws.basedir}), else {@code .peers} in the working directory.
 * Running it needs root, as {@code chroot} does.
 *
 * <p>Each {@link #connect} copies the PEM files it needs into a fresh {@code <chroot>/tmp/pqws-*} directory, runs
 * <pre>chroot DIR openssl s_client -connect 127.0.0.1:PORT -servername localhost -no_ign_eof -brief|-alpn LIST
 *     [-groups LIST] [-CAfile CA -verify_hostname localhost] [-cert CERT -key KEY]</pre>
 * with standard input closed (so s_client ends right after the handshake with a close_notify), waits a bounded
 * time, and deletes the directory again. The output is parsed into a {@link Result}.
 */
public final class OpenSslPeer {

    /** Environment variables that would point the chroot's OpenSSL at host files or libraries. */
    private static final List<String> HOST_ONLY_ENVIRONMENT = List.of(
            "OPENSSL_CONF", "OPENSSL_MODULES", "OPENSSL_ENGINES", "SSL_CERT_FILE", "SSL_CERT_DIR",
            "LD_LIBRARY_PATH", "LD_PRELOAD");

    private final Path chroot;

    public OpenSslPeer(Path chroot) {
        this.chroot = chroot.toAbsolutePath().normalize();
    }

    /** The peer at the place the build and {@code install-peers.sh} agree on (see the class comment). */
    public static OpenSslPeer installed() {
        String peersDir = System.getProperty("pqws.peers.dir");
        Path peers = peersDir != null && !peersDir.isBlank()
                ? Path.of(peersDir)
                : Path.of(System.getProperty("pqws.basedir", ""), ".peers");
        return new OpenSslPeer(peers.resolve("trixie"));
    }

    public Path chroot() {
        return chroot;
    }

    /**
     * Whether the chroot answers {@code openssl version} with 3.5 or newer. Tests may skip on {@code false} only
     * because a developer machine may lack the peer; CI runs {@code install-peers.sh}, so there it is always true.
     */
    public boolean available() {
        if (!Files.isExecutable(chroot.resolve("usr/bin/openssl"))) {
            return false;
        }
        try {
            Run run = run(List.of("chroot", chroot.toString(), "openssl", "version"), Duration.ofSeconds(10));
            Matcher m = Pattern.compile("^OpenSSL (\\d+)\\.(\\d+)\\.").matcher(run.output);
            return run.exitCode == 0 && m.find()
                    && (Integer.parseInt(m.group(1)) > 3
                        || Integer.parseInt(m.group(1)) == 3 && Integer.parseInt(m.group(2)) >= 5);
        } catch (IOException | IllegalStateException e) {
            return false; // no chroot binary, not root, or a broken chroot: all mean "not available here"
        }
    }

    /**
     * What one s_client run should do.
     *
     * @param port the port on 127.0.0.1
     * @param groups the {@code -groups} list in OpenSSL's syntax (e.g. {@code "X25519MLKEM768:x25519"}), or
     *        {@code null} for OpenSSL's default offer
     * @param trustAnchor the certificate to verify the server against ({@code -CAfile}, with
     *        {@code -verify_hostname localhost}), or {@code null} to connect unverified (the result then says why)
     * @param clientCertificate the certificate for client authentication, or {@code null}; needs {@code clientKey}
     * @param clientKey the private key of {@code clientCertificate}
     * @param timeout how long s_client may take before it is killed and {@link #connect} fails
     * @param signatureAlgorithms the {@code -sigalgs} list (e.g. {@code "ecdsa_secp256r1_sha256"}), or {@code null} for
     *        OpenSSL's default, which in 3.5 starts with ML-DSA
     * @param host the address to connect to, {@code 127.0.0.1} unless a test needs the client to come from another
     *        local address (connecting to a local non-loopback address makes it the connection's source too)
     * @param send what to send after the handshake (an HTTP request, read until the server closes: {@code -ign_eof}),
     *        or {@code null} to close right after the handshake
     * @param alpn the {@code -alpn} list (e.g. {@code "h2,http/1.1"}), or {@code null} to offer none; s_client then
     *        runs without {@code -brief}, which prints no ALPN result
     */
    public record Request(int port, String groups, X509Certificate trustAnchor, X509Certificate clientCertificate,
            PrivateKey clientKey, Duration timeout, String signatureAlgorithms, String host, String send,
            String alpn) {

        public Request {
            if ((clientCertificate == null) != (clientKey == null)) {
                throw new IllegalArgumentException("a client certificate needs its key, and a key its certificate");
            }
        }

        /** OpenSSL's default groups, no verification, no client certificate, 20 seconds. */
        public static Request to(int port) {
            return new Request(port, null, null, null, null, Duration.ofSeconds(20), null, "127.0.0.1", null, null);
        }

        public Request groups(String list) {
            return new Request(port, list, trustAnchor, clientCertificate, clientKey, timeout, signatureAlgorithms, host,
                    send, alpn);
        }

        public Request trusting(X509Certificate anchor) {
            return new Request(port, groups, anchor, clientCertificate, clientKey, timeout, signatureAlgorithms, host,
                    send, alpn);
        }

        public Request clientCertificate(X509Certificate certificate, PrivateKey key) {
            return new Request(port, groups, trustAnchor, certificate, key, timeout, signatureAlgorithms, host, send,
                    alpn);
        }

        public Request timeout(Duration limit) {
            return new Request(port, groups, trustAnchor, clientCertificate, clientKey, limit, signatureAlgorithms, host,
                    send, alpn);
        }

        public Request signatureAlgorithms(String list) {
            return new Request(port, groups, trustAnchor, clientCertificate, clientKey, timeout, list, host, send,
                    alpn);
        }

        public Request host(String address) {
            return new Request(port, groups, trustAnchor, clientCertificate, clientKey, timeout, signatureAlgorithms,
                    address, send, alpn);
        }

        /** Offers these application protocols ({@code -alpn}, e.g. {@code "h2,http/1.1"}). */
        public Request alpn(String protocols) {
            return new Request(port, groups, trustAnchor, clientCertificate, clientKey, timeout, signatureAlgorithms,
                    host, send, protocols);
        }

        /** Sends {@code text} after the handshake and reads until the server closes the connection. */
        public Request sending(String text) {
            return new Request(port, groups, trustAnchor, clientCertificate, clientKey, timeout, signatureAlgorithms,
                    host, text, alpn);
        }
    }

    /**
     * What s_client reported. Every field but {@code output} and {@code exitCode} is {@code null} when s_client did
     * not print it, which for a failed handshake is all of them.
     *
     * @param handshakeCompleted whether s_client printed that the handshake completed (for TLS 1.3 client
     *        authentication the server may still reject the client afterwards: check the server side too)
     * @param protocol e.g. {@code TLSv1.3}
     * @param cipher e.g. {@code TLS_AES_256_GCM_SHA384}
     * @param group the negotiated key-exchange group under its standard name ({@link NamedGroups}), e.g.
     *        {@code X25519MLKEM768}, {@code x25519}, {@code secp256r1}
     * @param verification {@code OK}, or OpenSSL's reason, e.g. {@code self-signed certificate}
     * @param signatureType the scheme the server signed the handshake with, e.g. {@code ecdsa_secp256r1_sha256},
     *        {@code mldsa65}
     * @param exitCode s_client's exit status
     * @param output everything s_client printed (stdout and stderr), for assertion messages
     * @param alpnProtocol the application protocol the server selected, e.g. {@code h2}; {@code null} when none was
     *        negotiated or none was offered ({@link Request#alpn})
     */
    public record Result(boolean handshakeCompleted, String protocol, String cipher, String group,
            String verification, String signatureType, int exitCode, String output, String alpnProtocol) {

        public boolean verified() {
            return "OK".equals(verification);
        }
    }

    /** Runs s_client once against the request's host and port; fails if it does not end within its timeout. */
    public Result connect(Request request) throws IOException {
        Path chrootTmp = chroot.resolve("tmp");
        Path files = Files.createTempDirectory(chrootTmp, "pqws-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        String inside = "/" + chroot.relativize(files).toString().replace('\\', '/');
        try {
            List<String> command = new ArrayList<>(List.of("chroot", chroot.toString(), "openssl", "s_client",
                    "-connect", request.host() + ":" + request.port(), "-servername", "localhost",
                    request.send() == null ? "-no_ign_eof" : "-ign_eof"));
            if (request.alpn() == null) {
                command.add("-brief");
            } else {
                command.addAll(List.of("-alpn", request.alpn()));
            }
            if (request.groups() != null) {
                command.addAll(List.of("-groups", request.groups()));
            }
            if (request.signatureAlgorithms() != null) {
                command.addAll(List.of("-sigalgs", request.signatureAlgorithms()));
            }
            if (request.trustAnchor() != null) {
                Files.writeString(files.resolve("ca.pem"), pem("CERTIFICATE", encoded(request.trustAnchor())));
                command.addAll(List.of("-CAfile", inside + "/ca.pem", "-verify_hostname", "localhost"));
            }
            if (request.clientCertificate() != null) {
                Files.writeString(files.resolve("client.pem"),
                        pem("CERTIFICATE", encoded(request.clientCertificate())));
                Files.writeString(files.resolve("client.key"),
                        pem("PRIVATE KEY", request.clientKey().getEncoded()));
                command.addAll(List.of("-cert", inside + "/client.pem", "-key", inside + "/client.key"));
            }
            Run run = run(command, request.timeout(), request.send());
            return parse(run.output, run.exitCode);
        } finally {
            deleteTree(files);
        }
    }

    // ---- s_server ----------------------------------------------------------------------------------------------

    /**
     * An {@code openssl s_server} running in the chroot on {@code 127.0.0.1}, on a port the kernel chose, until closed.
     * Its standard input stays open (at end of input s_server would stop after one connection), so it serves one
     * connection after another.
     */
    public final class Server implements AutoCloseable {
        private final Process process;
        private final Path files;
        private final int port;
        private final StringBuffer output;

        private Server(Process process, Path files, int port, StringBuffer output) {
            this.process = process;
            this.files = files;
            this.port = port;
            this.output = output;
        }

        public int port() {
            return port;
        }

        /** Everything s_server printed so far, for assertion messages. */
        public String output() {
            return output.toString();
        }

        /** Stops s_server and deletes its files. */
        @Override
        public void close() throws IOException {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            } finally {
                deleteTree(files);
            }
        }
    }

    /**
     * Starts {@code chroot DIR openssl s_server -accept 127.0.0.1:0 -cert CERT -key KEY [-groups LIST]} with this
     * certificate and key (PEM files copied into a fresh {@code <chroot>/tmp/pqws-*} directory), and waits at most
     * {@code timeout} for its {@code ACCEPT} line, which names the port.
     *
     * @param groups OpenSSL's {@code -groups} list, e.g. {@code "X25519MLKEM768"}, or null for its default
     */
    public Server server(X509Certificate certificate, PrivateKey key, String groups, Duration timeout)
            throws IOException {
        Path files = Files.createTempDirectory(chroot.resolve("tmp"), "pqws-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        String inside = "/" + chroot.relativize(files).toString().replace('\\', '/');
        Files.writeString(files.resolve("server.pem"), pem("CERTIFICATE", encoded(certificate)));
        Files.writeString(files.resolve("server.key"), pem("PRIVATE KEY", key.getEncoded()));
        List<String> command = new ArrayList<>(List.of("chroot", chroot.toString(), "openssl", "s_server",
                "-accept", "127.0.0.1:0", "-cert", inside + "/server.pem", "-key", inside + "/server.key"));
        if (groups != null) {
            command.addAll(List.of("-groups", groups));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        HOST_ONLY_ENVIRONMENT.forEach(builder.environment()::remove);
        Process process = builder.start();
        StringBuffer output = new StringBuffer();
        CompletableFuture<Integer> accepting = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.append(line).append('\n');
                    Matcher accept = ACCEPT.matcher(line);
                    if (accept.matches()) {
                        accepting.complete(Integer.parseInt(accept.group(1)));
                    }
                }
            } catch (IOException e) {
                accepting.completeExceptionally(e);
            }
            accepting.completeExceptionally(new IOException("s_server ended before accepting:\n" + output));
        }, "openssl-s_server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new Server(process, files, accepting.get(timeout.toMillis(), TimeUnit.MILLISECONDS), output);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
            deleteTree(files);
            throw new IOException(String.join(" ", command) + " did not start: " + e + "\n" + output, e);
        }
    }

    private static final Pattern ACCEPT = Pattern.compile("^ACCEPT \\S+:(\\d+)$");

    // ---- parsing -----------------------------------------------------------------------------------------------

    private static final Pattern ESTABLISHED = Pattern.compile("(?m)^CONNECTION ESTABLISHED$");
    /** Normal (non-brief) mode: "New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384"; "New, (NONE), ..." on failure. */
    private static final Pattern NEW_SESSION = Pattern.compile("(?m)^New, (TLSv[0-9.]+|SSLv3), Cipher is (\\S+)$");
    private static final Pattern PROTOCOL = Pattern.compile("(?m)^Protocol(?: version)?: (\\S+)$");
    private static final Pattern CIPHER = Pattern.compile("(?m)^Ciphersuite: (\\S+)$");
    private static final Pattern VERIFICATION = Pattern.compile("(?m)^Verification(?:: | error: )(.+)$");
    /** "Signature type: mldsa65" (brief) or "Peer signature type: ecdsa_secp256r1_sha256" (normal mode). */
    private static final Pattern SIGNATURE_TYPE = Pattern.compile("(?m)^(?:Peer s|S)ignature type: (\\S+)$");
    /** Printed for groups without a peer key share OpenSSL can show: hybrids and pure ML-KEM. */
    private static final Pattern NEGOTIATED_GROUP = Pattern.compile("(?m)^Negotiated TLS1\\.3 group: (\\S+)$");
    /** Printed for classic groups: "X25519, 253 bits", "ECDH, prime256v1, 256 bits", "DH, 2048 bits". */
    private static final Pattern PEER_TEMP_KEY = Pattern.compile("(?m)^Peer Temp Key: (.+)$");

    /** Normal mode only: "ALPN protocol: h2" ("No ALPN negotiated" otherwise). */
    private static final Pattern ALPN = Pattern.compile("(?m)^ALPN protocol: (\\S+)$");

    /** OpenSSL's names for the NIST curves, as "Peer Temp Key: ECDH, NAME, ..." prints them. */
    private static final Map<String, String> CURVE_NAMES = Map.of(
            "prime256v1", "secp256r1", "secp384r1", "secp384r1", "secp521r1", "secp521r1");

    /**
     * Parses s_client output, {@code -brief} (what {@link #connect} uses) or normal. Public so the parser can be
     * tested on recorded output without the chroot.
     */
    public static Result parse(String output, int exitCode) {
        Matcher newSession = NEW_SESSION.matcher(output);
        boolean normalModeCompleted = newSession.find();
        boolean completed = ESTABLISHED.matcher(output).find() || normalModeCompleted;
        if (!completed) {
            return new Result(false, null, null, null, null, null, exitCode, output, null);
        }
        String cipher = first(CIPHER, output);
        if (cipher == null && normalModeCompleted) {
            cipher = newSession.group(2);
        }
        return new Result(true, first(PROTOCOL, output), cipher, group(output), first(VERIFICATION, output),
                first(SIGNATURE_TYPE, output), exitCode, output, first(ALPN, output));
    }

    private static String group(String output) {
        String negotiated = first(NEGOTIATED_GROUP, output);
        if (negotiated != null && !negotiated.equals("<NULL>")) {
            return standardName(negotiated);
        }
        String tempKey = first(PEER_TEMP_KEY, output);
        if (tempKey == null) {
            return null;
        }
        String[] parts = tempKey.split(", ");
        if (parts[0].equals("ECDH") && parts.length == 3) {
            return CURVE_NAMES.getOrDefault(parts[1], parts[1]);
        }
        if (parts[0].equals("DH") && parts.length == 2) {
            // TLS 1.3 finite-field DHE uses only the RFC 7919 groups, so the size names the group.
            return "ffdhe" + parts[1].replace(" bits", "");
        }
        return standardName(parts[0]); // "X25519", "X448"
    }

    /** The spelling {@link NamedGroups} uses (OpenSSL prints "X25519" where the IANA registry says "x25519"). */
    private static String standardName(String openSslName) {
        return NamedGroups.codePointOf(openSslName).map(NamedGroups::nameOf).orElse(openSslName);
    }

    private static String first(Pattern pattern, String output) {
        Matcher m = pattern.matcher(output);
        return m.find() ? m.group(1).strip() : null;
    }

    // ---- processes and files -----------------------------------------------------------------------------------

    private record Run(int exitCode, String output) {
    }

    private static Run run(List<String> command, Duration timeout) throws IOException {
        return run(command, timeout, null);
    }

    /**
     * Runs a command with {@code input} (if any) and then end of input on stdin, output to a temporary file, killed
     * (and reported) past the timeout.
     */
    private static Run run(List<String> command, Duration timeout, String input) throws IOException {
        Path out = Files.createTempFile("pqws-openssl-", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
            HOST_ONLY_ENVIRONMENT.forEach(builder.environment()::remove);
            Process process = builder.start();
            if (input != null) {
                process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close(); // EOF on stdin: without -ign_eof s_client closes after the handshake
            boolean finished;
            try {
                finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finished = false;
            }
            if (!finished) {
                process.destroy();
                try {
                    if (!process.waitFor(5, TimeUnit.SECONDS)) {
                        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    process.destroyForcibly();
                }
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout
                        + "; its output so far:\n" + Files.readString(out, StandardCharsets.UTF_8));
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode " + certificate.getSubjectX500Principal(), e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
