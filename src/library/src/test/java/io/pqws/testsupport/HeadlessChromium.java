package io.pqws.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.net.PortProber;

/**
 * Debian's headless Chromium driven through Debian's ChromeDriver: an independent TLS client that offers
 * X25519MLKEM768 by default, as the browsers our users run do.
 *
 * <p>Both binaries are given by path ({@link #CHROMIUM}, {@link #CHROMEDRIVER}, installed by
 * {@code src/it/peers/install-peers.sh}), so Selenium Manager is never consulted and never downloads anything.
 * Each instance gets a fresh profile directory, deleted again by {@link #close()}.
 *
 * <p>Trust: the test server's certificate is trusted by pinning its public key with
 * {@code --ignore-certificate-errors-spki-list}, not by {@code --ignore-certificate-errors}, so any other certificate
 * still fails as it would for a user (Chromium honours that switch only together with {@code --user-data-dir}, which
 * this class always sets).
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** Headless, no sandbox (tests run as root), and nothing that talks to the network on its own. */
    private static final List<String> FLAGS = List.of(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--no-proxy-server");

    private final Path profile;
    private final ChromeDriver driver;

    private HeadlessChromium(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    /**
     * Whether Chromium and ChromeDriver are installed. Tests may skip on {@code false} only because a developer
     * machine may lack them; CI runs {@code install-peers.sh}, so there it is always true.
     */
    public static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /**
     * Starts a browser that trusts exactly the given server certificates (by their public keys) besides the
     * system's roots.
     */
    public static HeadlessChromium start(X509Certificate... trustedServerCertificates) throws IOException {
        Path profile = Files.createTempDirectory("pqws-chromium-");
        try {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(FLAGS);
            options.addArguments("--user-data-dir=" + profile);
            if (trustedServerCertificates.length > 0) {
                options.addArguments("--ignore-certificate-errors-spki-list=" + Arrays.stream(trustedServerCertificates)
                        .map(HeadlessChromium::spkiSha256Base64).collect(Collectors.joining(",")));
            }
            // The constructor, not ChromeDriverService.Builder: that class carries @AutoService, whose annotation
            // class is not on the test classpath, and javac -Xlint:all (classfile) warns merely for touching it.
            int port = PortProber.findFreePort();
            ChromeDriverService service = new ChromeDriverService(CHROMEDRIVER.toFile(), port, Duration.ofSeconds(20),
                    List.of("--port=" + port, "--log-path=" + profile.resolve("chromedriver.log")), Map.of());
            service.sendOutputTo(OutputStream.nullOutputStream()); // its start-up banner; the log has the rest
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new HeadlessChromium(profile, driver);
        } catch (RuntimeException | Error e) {
            deleteTree(profile);
            throw e;
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /**
     * Runs the script in every page this browser loads from now on, before the page's own scripts: how a test
     * instruments what a page cannot be asked from outside (for example, which WebSockets it opened).
     */
    public void beforeEveryPage(String script) {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script));
    }

    /**
     * The base64 SHA-256 of the certificate's SubjectPublicKeyInfo: the form
     * {@code --ignore-certificate-errors-spki-list} (and HTTP public key pinning) uses.
     */
    public static String spkiSha256Base64(X509Certificate certificate) {
        try {
            // The SubjectPublicKeyInfo exactly as the certificate encodes it: the JDK re-encodes keys of algorithms it
            // does not know (ML-DSA on JDK 17) with different algorithm parameters, which would change the hash.
            byte[] spki = org.bouncycastle.asn1.x509.Certificate.getInstance(certificate.getEncoded())
                    .getSubjectPublicKeyInfo().getEncoded("DER");
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        } catch (CertificateEncodingException | IOException e) {
            throw new IllegalArgumentException("cannot encode " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** Quits the browser and the driver, and deletes the profile. */
    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
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
