package io.pqws.it;

import static io.pqws.it.ItEnvironment.property;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A real domain of Payara Server 6 or 7 or of GlassFish 7, Payara's upstream, for the integration tests, set up the
 * way docs/containers.md tells users to: the unpacked distribution (pristine for every build, see {@code pom.xml}) gets
 * a fresh domain on free loopback ports, the domain is started, {@code server-config/payara-server/configure-pq.sh}
 * applies the profile, the domain is restarted and the built WAR deployed with asadmin. {@link #undeployAndRestore}
 * runs {@code restore.sh}, and {@link #stopAndDelete} removes the domain again. One class for all because everything
 * it does (asadmin's commands, the port offsets of {@code --portbase}, the domain layout, the scripts) is the same;
 * the differences are the scripts' business. Which Payara Server it is comes from the failsafe execution
 * ({@code pqws.payara.home} and the major version it must report, {@code pqws.payara.major}); the domain runs on the
 * test JVM's own Java (JDK 25 for Payara Server 7).
 */
final class AsadminDomain implements PqwsListener {

    static final String DOMAIN = "pqws-it";
    private static final Duration ASADMIN_TIMEOUT = Duration.ofMinutes(3);
    /**
     * The offsets from the port base that a Payara 6 or 7 or GlassFish 7 domain listens on, as create-domain lists
     * them: debug, IIOP (3), admin, Hazelcast DAS and start, OSGi shell, JMS, HTTP, HTTPS, JMX.
     */
    private static final int[] PORT_OFFSETS = {9, 37, 38, 39, 48, 49, 59, 66, 76, 80, 81, 86};
    private static final int ADMIN = 48;
    private static final int HTTP = 80;
    private static final int HTTPS = 81;

    private final Path home;
    private final int portBase;
    private boolean deployed;

    private AsadminDomain(Path home, int portBase) {
        this.home = home;
        this.portBase = portBase;
    }

    /** The major version of the Payara Server under test ({@code pqws.payara.major}), which the DAS must report. */
    static int expectedMajor() {
        return Integer.parseInt(property("pqws.payara.major"));
    }

    /** Creates and starts a domain on a free port base of the unpacked Payara Server ({@code pqws.payara.home}). */
    static AsadminDomain payaraServer() throws IOException, InterruptedException {
        return createAndStart("pqws.payara.home");
    }

    /** Creates and starts a domain on a free port base of the unpacked GlassFish ({@code pqws.glassfish.home}). */
    static AsadminDomain glassFish() throws IOException, InterruptedException {
        return createAndStart("pqws.glassfish.home");
    }

    private static AsadminDomain createAndStart(String homeProperty) throws IOException, InterruptedException {
        AsadminDomain server = new AsadminDomain(Path.of(property(homeProperty)), freePortBase());
        server.asadmin("--user", "admin", "create-domain", "--nopassword=true", "--portbase",
                String.valueOf(server.portBase), DOMAIN);
        try {
            server.asadmin("start-domain", DOMAIN);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; see " + server.serverLog(), e);
        }
        return server;
    }

    /** Runs configure-pq.sh for the failsafe execution's profile and restarts the domain so that it applies. */
    void configure() throws IOException, InterruptedException {
        script("configure-pq.sh", "--profile", PqwsServer.profile(), "--certs",
                PqwsServer.certsDir().toAbsolutePath().toString());
        asadmin("restart-domain", DOMAIN);
    }

    void deployBuiltWar() throws IOException, InterruptedException {
        asadmin("deploy", "--contextroot", PqwsServer.CONTEXT, "--name", PqwsServer.CONTEXT, property("pqws.war"));
        deployed = true;
    }

    /** Undeploys the WAR, unless that was done already. */
    void undeploy() throws IOException, InterruptedException {
        if (deployed) {
            asadmin("undeploy", PqwsServer.CONTEXT);
            deployed = false;
        }
    }

    /** Undeploys the WAR and runs restore.sh (the domain keeps running; a restart would apply the restore). */
    void undeployAndRestore() throws IOException, InterruptedException {
        undeploy();
        script("restore.sh");
    }

    void stop() throws IOException, InterruptedException {
        asadmin("stop-domain", DOMAIN);
    }

    void stopAndDelete() throws IOException, InterruptedException {
        stop();
        run(List.of(asadminPath().toString(), "delete-domain", DOMAIN));
    }

    /** Runs an asadmin command against this domain's DAS and returns what it printed. */
    String asadmin(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(asadminPath().toString(), "--port", String.valueOf(adminPort())));
        command.addAll(List.of(arguments));
        return run(command);
    }

    /** What the running DAS says it is, e.g. {@code Payara Server 7.2025.1 (build 21)}. */
    String version() throws IOException, InterruptedException {
        return asadmin("version").lines().filter(line -> line.startsWith("Version = "))
                .map(line -> line.substring("Version = ".length())).findFirst()
                .orElseThrow(() -> new IllegalStateException("asadmin version printed no 'Version = ' line"));
    }

    /** The {@code java.home} of the running domain's JVM, from its own JVM report. */
    String domainJavaHome() throws IOException, InterruptedException {
        String prefix = "java.home = ";
        return asadmin("generate-jvm-report", "--type", "summary").lines().filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new IllegalStateException("the domain's JVM report has no java.home line"));
    }

    /**
     * The aliases in one of the domain's stores (Payara: {@code keystore.p12}, {@code cacerts.p12}; GlassFish 7:
     * {@code keystore.jks}, {@code cacerts.jks}; the type is detected), read with the master password of a domain
     * created with {@code --nopassword}.
     */
    Set<String> storeAliases(String store) throws IOException, GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance(domainDir().resolve("config").resolve(store).toFile(),
                "changeit".toCharArray());
        return new TreeSet<>(Collections.list(keyStore.aliases()));
    }

    @Override
    public int httpsPort() {
        return portBase + HTTPS;
    }

    /**
     * Over the domain's plain {@code http-listener-1}: for the operator's API where the JDK's HTTP client, which offers
     * no hybrid group, would be refused by {@code hybrid-only} and counted among the handshake failures measured.
     */
    URI http(String path) {
        return URI.create("http://localhost:" + (portBase + HTTP) + "/" + PqwsServer.CONTEXT + "/" + path);
    }

    Path domainDir() {
        return home.resolve("glassfish/domains").resolve(DOMAIN);
    }

    Path serverLog() {
        return domainDir().resolve("logs/server.log");
    }

    private int adminPort() {
        return portBase + ADMIN;
    }

    private Path asadminPath() {
        return home.resolve("bin/asadmin");
    }

    private void script(String name, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(property("pqws.basedir"), "server-config", "payara-server", name).toString(),
                "--asadmin", asadminPath().toString(), "--domain-dir", domainDir().toString(),
                "--port", String.valueOf(adminPort())));
        command.addAll(List.of(arguments));
        run(command);
    }

    /** asadmin and the domain run on the test JVM's own Java. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Map<String, String> environment = new HashMap<>();
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("AS_JAVA", System.getProperty("java.home"));
        return ExternalCommand.run(command, environment, ASADMIN_TIMEOUT);
    }

    /**
     * A port base whose listening offsets are all free at the moment, below Linux's ephemeral range (32768 and up)
     * so that no outgoing connection or port-0 listener of another process can take one before the domain binds it.
     */
    private static int freePortBase() throws IOException {
        SecureRandom random = new SecureRandom();
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 10000 + 100 * random.nextInt(220);
            if (allFree(base)) {
                return base;
            }
        }
        throw new IOException("no free port base found between 10000 and 32000");
    }

    private static boolean allFree(int base) {
        for (int offset : PORT_OFFSETS) {
            try (ServerSocket socket = new ServerSocket(base + offset)) {
                socket.setReuseAddress(true);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
