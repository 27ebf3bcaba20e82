package io.pqws.client;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code pqws-client probe URL}: tells an operator what a TLS server supports (versions, hybrid post-quantum groups,
 * whether classic-only clients are still served, HelloRetryRequests, certificate chains) and, with {@code --require},
 * exits non-zero when it falls short, so a deployment pipeline can gate on it.
 *
 * <p>Why thin: {@link ServerProbe} does the probing and is what the tests and benchmarks use; this class turns options
 * into a probe and a report into lines and an exit code.
 */
@Command(name = "probe", sortOptions = false,
        description = {
            "Probe a TLS server with real handshakes: TLS versions, hybrid post-quantum groups (X25519MLKEM768, "
                    + "SecP256r1MLKEM768, SecP384r1MLKEM1024), whether clients without a hybrid group are still served "
                    + "(is it hybrid-only?), HelloRetryRequests, and the certificate chains it presents to ordinary and "
                    + "to ML-DSA-capable clients.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  pqws-client probe --truststore certs/dev/truststore.p12 wss://localhost:8443/pqws/echo",
            "  pqws-client probe --require hybrid-only --json https://localhost:8443"},
        exitCodeListHeading = PqwsClient.EXIT_CODES_HEADING,
        exitCodeList = {"0:probed (and the --require policy is met)", PqwsClient.EXIT_1,
            "2:no TLS handshake with the server completed (unreachable, not TLS, untrusted certificate)",
            "3:the server does not meet the --require policy", PqwsClient.EXIT_4, PqwsClient.EXIT_5})
final class ProbeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL",
            description = "The server: wss://host[:port][/path], https://host[:port] or host:port (port 443 if none).")
    private String target;

    @Option(names = "--require", paramLabel = "hybrid|hybrid-only", converter = RequirementConverter.class,
            description = {"Exit 3 unless the server meets this policy.",
                "hybrid: a hybrid-capable client gets a hybrid post-quantum key exchange;",
                "hybrid-only: that, and clients without a hybrid group (TLS 1.3 or 1.2) are refused."})
    private ProbeReport.Requirement requirement;

    @Mixin
    private TrustStoreOptions trust;

    @Option(names = "--insecure",
            description = "Accept any server certificate (still reported) and skip hostname verification.")
    private boolean insecure;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Bound for each connect and each handshake read (default: ${DEFAULT-VALUE}).")
    private double timeoutSeconds;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    private boolean json;

    @Option(names = "--verbose", description = "Print each failure's chain of causes and let BC log.")
    private boolean verbose;

    @Mixin
    private HelpOption help;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        URI server = server();
        Duration timeout = timeout();
        KeyStore trustStore = trustStore();
        ProbeReport report;
        try {
            report = new ServerProbe(trustStore, insecure, timeout).probe(server.getHost(), server.getPort());
        } catch (GeneralSecurityException e) {
            return fail(err, PqwsClient.USAGE, "cannot set up TLS: " + Failures.innermostMessage(e), e);
        } catch (SocketTimeoutException e) {
            return fail(err, PqwsClient.TIMED_OUT, "no TCP connection to " + where(server) + " within "
                    + WssConnection.describe(timeout), e);
        } catch (ConnectException e) {
            return fail(err, PqwsClient.CONNECTION_FAILED, "connection refused by " + where(server), e);
        } catch (UnknownHostException e) {
            return fail(err, PqwsClient.CONNECTION_FAILED, "unknown host '" + server.getHost() + "'", e);
        } catch (NoRouteToHostException e) {
            return fail(err, PqwsClient.CONNECTION_FAILED, "no route to " + where(server), e);
        } catch (IOException e) {
            return fail(err, PqwsClient.CONNECTION_FAILED, "connection to " + where(server) + " failed: "
                    + Failures.innermostMessage(e), e);
        }
        out.println(json ? ProbeFormat.json(report, requirement) : ProbeFormat.text(report, requirement));
        out.flush();
        if (!report.reachable()) {
            return fail(err, PqwsClient.CONNECTION_FAILED, "no TLS handshake with " + where(server) + " completed; "
                    + "first failure: " + report.versions().get("TLSv1.3").failure(), null);
        }
        if (requirement != null && !report.meets(requirement)) {
            return fail(err, PqwsClient.POLICY_FAILED, where(server) + " does not meet --require "
                    + ProbeFormat.cliName(requirement) + ": " + report.shortfall(requirement), null);
        }
        return PqwsClient.OK;
    }

    /** The host and port of the target; a {@link ParameterException} (exit 1) when it names no TLS server. */
    URI server() {
        String text = target.contains("://") ? target : "tls://" + target;
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw usage("not a URL or host:port: " + target);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("wss") && !scheme.equals("https") && !scheme.equals("tls")) {
            throw usage("probe needs a TLS server: use wss://, https:// or host:port, not " + scheme + "://");
        }
        if (uri.getHost() == null) {
            throw usage("no host in " + target);
        }
        int port = uri.getPort() < 0 ? 443 : uri.getPort();
        return URI.create("tls://" + (uri.getHost().contains(":") && !uri.getHost().startsWith("[")
                ? "[" + uri.getHost() + "]" : uri.getHost()) + ":" + port);
    }

    Duration timeout() {
        try {
            return TimeoutSeconds.toDuration(timeoutSeconds, 3600);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private KeyStore trustStore() {
        try {
            return trust.load();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private int fail(PrintWriter err, int code, String message, Exception cause) {
        PqwsClient.printFailure(err, message, cause, verbose);
        return code;
    }

    private static String where(URI server) {
        return server.getHost() + ":" + server.getPort();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** {@code hybrid}, {@code hybrid-only}. */
    static final class RequirementConverter implements ITypeConverter<ProbeReport.Requirement> {
        @Override
        public ProbeReport.Requirement convert(String value) {
            switch (value.toLowerCase(Locale.ROOT)) {
                case "hybrid":
                    return ProbeReport.Requirement.HYBRID;
                case "hybrid-only":
                    return ProbeReport.Requirement.HYBRID_ONLY;
                default:
                    throw new TypeConversionException("unknown policy '" + value + "' (expected hybrid or hybrid-only)");
            }
        }
    }
}
