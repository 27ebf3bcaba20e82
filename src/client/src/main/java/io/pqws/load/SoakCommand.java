package io.pqws.load;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

import io.pqws.client.ClientTlsSettings;
import io.pqws.client.HelpOption;
import io.pqws.client.KeyStores;
import io.pqws.client.TlsProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pqws-client soak}: many concurrent chat sessions against a running server for a long time, with every
 * message numbered by its sender and checked by every receiver, plus one flooder the server must throttle.
 *
 * <p>Why a client subcommand and not a benchmark case: a soak is a pass/fail check of a running deployment (lost,
 * duplicated, reordered must all be 0), run against any server a user points it at, while {@code bench} starts its
 * own servers to compare speeds. Exit code 0 when the verdict passed, 2 when it failed.
 */
@Command(name = "soak", sortOptions = false,
        description = {
            "Soak a running pqws server: N chat sessions (each a different user, with a ticket the issuer "
                    + "certificate obtains) send numbered messages for a while; reports lost, duplicated and "
                    + "out-of-order deliveries (all must be 0), whether a flooder was throttled, and the server's "
                    + "heap after GC at start and end (with --server-pid).",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  java -jar target/pqws-client/pqws-client.jar soak --quick --truststore certs/dev/truststore.p12 \\",
            "       --cert certs/dev/client-alice.p12 https://localhost:8443/pqws/",
            "  java -jar target/pqws-client/pqws-client.jar soak --truststore certs/dev/truststore.p12 \\",
            "       --cert certs/dev/client-alice.p12 --server-pid $(cat target/payara/payara-micro.pid) \\",
            "       https://localhost:8443/pqws/"})
public final class SoakCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL",
            description = "The module's base URL, e.g. https://localhost:8443/pqws/")
    private URI url;

    @Option(names = "--quick", description = "The CI variant: 300 sessions for 40 s (default: 2000 for 10 minutes).")
    private boolean quick;

    @Option(names = "--sessions", paramLabel = "N", description = "Concurrent sessions (overrides the plan).")
    private Integer sessions;

    @Option(names = "--room-size", paramLabel = "N", description = "Members per room (default 10; 20 with --quick).")
    private Integer roomSize;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "How long members send.")
    private Long durationSeconds;

    @Option(names = "--interval", paramLabel = "MILLIS",
            description = "Each member sends one message per interval (default 10000; 2000 with --quick).")
    private Long intervalMillis;

    @Option(names = "--no-flood", description = "Leave out the flooder.")
    private boolean noFlood;

    @Option(names = "--profile", paramLabel = "hybrid|classic", defaultValue = "hybrid",
            description = "Groups the sessions offer (default: ${DEFAULT-VALUE}).")
    private String profile;

    @Option(names = "--truststore", paramLabel = "FILE", required = true, description = "PKCS#12 trust store.")
    private Path truststore;

    @Option(names = "--cert", paramLabel = "FILE.p12", required = true,
            description = "Client certificate with role pqws-ticket-issuer (development: certs/dev/client-alice.p12).")
    private Path cert;

    @Option(names = "--password", paramLabel = "PASSWORD", defaultValue = "changeit",
            description = "Password of both stores (default: ${DEFAULT-VALUE}).")
    private String password;

    @Option(names = "--server-pid", paramLabel = "PID",
            description = "The server's JVM on this machine: heap after a full GC (jcmd) before, at start and end.")
    private Long serverPid;

    @Mixin
    private HelpOption help;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SoakPlan plan = plan();
        TlsProfile tls = TlsProfile.fromCliName(profile);
        KeyStore trust = load(truststore, "--truststore");
        ClientTlsSettings sessionsTls = ClientTlsSettings.of(tls).withTrustStore(trust);
        ClientTlsSettings issuerTls = sessionsTls.withClientCertificate(
                new ClientTlsSettings.ClientCertificate(load(cert, "--cert"), password.toCharArray()));
        try (LoadClient client = new LoadClient(url, sessionsTls, issuerTls, 4)) {
            SoakResult result = new SoakRun(client, plan,
                    serverPid == null ? OptionalLong.empty() : OptionalLong.of(serverPid), line -> {
                        err.println(line);
                        err.flush();
                    }).run();
            result.lines().forEach(out::println);
            out.flush();
            return result.passed() ? 0 : 2;
        }
    }

    private SoakPlan plan() {
        String runId = Long.toString(Instant.now().getEpochSecond(), 36);
        SoakPlan base = quick ? SoakPlan.quick(runId) : SoakPlan.full(runId);
        try {
            return new SoakPlan(sessions != null ? sessions : base.sessions(),
                    roomSize != null ? roomSize : base.roomSize(),
                    durationSeconds != null ? Duration.ofSeconds(durationSeconds) : base.duration(),
                    intervalMillis != null ? Duration.ofMillis(intervalMillis) : base.interval(),
                    !noFlood, runId);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private KeyStore load(Path file, String option) {
        try {
            return KeyStores.readPkcs12(file, password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new ParameterException(spec.commandLine(), option + ": cannot read " + file + ": " + e.getMessage());
        }
    }
}
