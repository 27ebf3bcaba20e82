package io.pqws.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import io.pqws.client.HelpOption;
import io.pqws.client.KeyStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pqws-client bench}: what post-quantum TLS costs, measured side by side in one run. Starts our WAR on Payara
 * Micro under the {@code hybrid} and {@code classic} profiles, stock Payara Micro and (optionally) nginx on OpenSSL
 * 3.5 on loopback, runs each case in interleaved rounds after a warm-up, and writes {@code results.md},
 * {@code results.json} and PNG charts.
 *
 * <p>Why interleaved rounds and medians: the machine is shared, so load comes and goes; a variant that ran in a bad
 * minute would otherwise look slow. Ratios are taken per round and their median is reported.
 */
@Command(name = "bench", sortOptions = false,
        description = {
            "Benchmark post-quantum TLS side by side: full and resumed handshakes, the cost of observing every "
                    + "handshake, wss echo, bulk record protection, public-key operations per provider, room fan-out "
                    + "and memory per idle session, cold start. Run from a built checkout (mvn package) as root "
                    + "(nginx runs in a chroot).",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  java -jar target/pqws-client/pqws-client.jar bench --quick",
            "  java -jar target/pqws-client/pqws-client.jar bench --out target/bench/full"})
public final class BenchCommand implements Callable<Integer> {

    /** The cases, in the order they run. */
    enum Case {
        HANDSHAKE, OBSERVATION, RESUMPTION, ECHO, BULK, PUBKEY, FANOUT, COLDSTART;

        static Set<Case> parse(String list) {
            Set<Case> cases = EnumSet.noneOf(Case.class);
            for (String name : list.split(",")) {
                try {
                    cases.add(Case.valueOf(name.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown case '" + name.strip()
                            + "' (known: handshake, observation, resumption, echo, bulk, pubkey, fanout, coldstart)");
                }
            }
            return cases;
        }
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--quick", description = "Short rounds and fewer sessions: about two minutes, for development.")
    private boolean quick;

    @Option(names = "--cases", paramLabel = "LIST",
            defaultValue = "handshake,observation,resumption,echo,bulk,pubkey,fanout,coldstart",
            description = "Cases to run, comma-separated (default: ${DEFAULT-VALUE}).")
    private String cases;

    @Option(names = "--no-nginx", description = "Leave out nginx on OpenSSL 3.5 (it needs root and the peers chroot).")
    private boolean noNginx;

    @Option(names = "--profile", description = "Record the server with JFR while the fan-out case joins the rooms of "
            + "pqws and the naive loop and during their max-rate turns (files in the results directory), and report "
            + "where its CPU went. The recording costs a little: publish capacity figures from runs without it.")
    private boolean profile;

    @Option(names = "--root", paramLabel = "DIR", defaultValue = ".",
            description = "The built project checkout (default: the current directory).")
    private Path root;

    @Option(names = "--peers", paramLabel = "DIR",
            description = "Where install-peers.sh put the trixie chroot (default: ROOT/.peers).")
    private Path peers;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the results go (default: ROOT/target/bench).")
    private Path out;

    @Mixin
    private HelpOption help;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Set<Case> selected;
        try {
            selected = Case.parse(cases);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--cases: " + e.getMessage());
        }
        Path checkout = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(checkout.resolve("target/pqws.war"))
                || !Files.isRegularFile(checkout.resolve("server-config/payara-micro/run.sh"))) {
            throw new ParameterException(spec.commandLine(), checkout + " is not a built pqws checkout (no "
                    + "target/pqws.war or server-config/payara-micro/run.sh); run 'mvn -DskipTests package' there");
        }
        Path results = out != null ? out.toAbsolutePath() : checkout.resolve("target/bench");
        Path peersDir = peers != null ? peers.toAbsolutePath() : checkout.resolve(".peers");
        Plan plan = quick ? Plan.quick() : Plan.full();
        Progress progress = new Progress(err);
        Instant started = Instant.now();
        long start = System.nanoTime();
        BenchReport report = new BenchReport(Machine.describe(), plan.name(), started);
        progress.say("bench (" + plan.name() + "): load average " + report.machine().loadBefore() + ", "
                + report.machine().cpus() + " CPUs");

        boolean needsServers = selected.stream().anyMatch(c -> c != Case.BULK && c != Case.PUBKEY
                && c != Case.OBSERVATION);
        boolean withNginx = needsServers && !noNginx
                && (selected.contains(Case.HANDSHAKE) || selected.contains(Case.RESUMPTION)
                || selected.contains(Case.ECHO));
        int nginxPort = withNginx ? Machine.freePort() : -1;
        try (Servers servers = new Servers()) {
            if (needsServers && selected.equals(EnumSet.of(Case.FANOUT))) {
                servers.startHybrid(checkout, progress);
            } else if (needsServers) {
                servers.startPayara(checkout, nginxPort, progress);
            }
            if (withNginx) {
                servers.startNginx(checkout, peersDir, nginxPort, progress);
            }
            KeyStore trust = KeyStores.readPkcs12(checkout.resolve("certs/dev/truststore.p12"),
                    "changeit".toCharArray());
            if (selected.contains(Case.HANDSHAKE)) {
                HandshakeCase.run(report, servers, trust, plan, progress);
            }
            if (selected.contains(Case.OBSERVATION)) {
                ObservationCase.run(report, checkout.resolve("certs/dev"), plan, progress);
            }
            if (selected.contains(Case.RESUMPTION)) {
                ResumptionCase.run(report, servers, trust, plan, progress);
            }
            if (selected.contains(Case.ECHO)) {
                EchoCase.run(report, servers, trust, plan, progress);
            }
            if (selected.contains(Case.BULK)) {
                BulkCase.run(report, checkout.resolve("certs/dev"), plan, progress);
            }
            if (selected.contains(Case.PUBKEY)) {
                PublicKeyCase.run(report, plan, progress);
            }
            if (selected.contains(Case.FANOUT)) {
                FanoutCase.run(report, servers, trust, checkout, plan, profile ? results : null, progress);
            }
            if (selected.contains(Case.COLDSTART)) {
                ColdStartCase.run(report, checkout, servers, plan, progress);
            }
        }
        report.finish(Machine.loadAverages(), Duration.ofNanos(System.nanoTime() - start));
        List<Path> files = ReportWriter.write(report, results);
        stdout.println(ReportWriter.markdown(report));
        for (Path file : files) {
            stdout.println("wrote " + file);
        }
        stdout.flush();
        return 0;
    }
}
