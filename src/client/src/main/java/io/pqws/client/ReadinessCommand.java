package io.pqws.client;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pqws-client readiness URL}: the whole server's hybrid-only readiness, for scripts: what the status page's
 * panel shows, read from the pqws server's {@code api/status} (an operator page: run it where the server lets operator
 * clients in, by default the same host). With {@code --require-ready} it exits 3 while any client seen would be
 * refused by the hybrid-only profile.
 */
@Command(name = "readiness", sortOptions = false,
        description = {"Show which clients of a pqws server's JVM (every application on it) offer a hybrid "
                + "post-quantum group, and which the hybrid-only profile would refuse, with their TLS fingerprints "
                + "(JA4) and User-Agents.", ""},
        footerHeading = "%nExamples:%n",
        footer = {"  pqws-client readiness --truststore certs/dev/truststore.p12 https://localhost:8443/pqws/",
            "  pqws-client readiness --require-ready --truststore certs/dev/truststore.p12 "
                    + "https://localhost:8443/pqws/"},
        exitCodeListHeading = PqwsClient.EXIT_CODES_HEADING,
        exitCodeList = {"0:reported (and, with --require-ready, no client would be refused)", PqwsClient.EXIT_1,
            "2:no answer from the server's api/status, or it reports no handshake counts (no PQ profile)",
            "3:--require-ready and some client would be refused by hybrid-only", PqwsClient.EXIT_4,
            PqwsClient.EXIT_5})
final class ReadinessCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL",
            description = "The pqws application: https://host[:port]/pqws/ (its api/status is read).")
    private String target;

    @Option(names = "--require-ready", description = "Exit 3 while any client seen offered no hybrid group.")
    private boolean requireReady;

    @Mixin
    private TrustStoreOptions trust;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Bound for the request (default: ${DEFAULT-VALUE}).")
    private double timeoutSeconds;

    @Option(names = "--verbose", description = "Print each failure's chain of causes.")
    private boolean verbose;

    @Mixin
    private HelpOption help;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        URI status = statusUri();
        Duration timeout;
        try {
            timeout = TimeoutSeconds.toDuration(timeoutSeconds, 3600);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        HttpResponse<String> response;
        try {
            response = client(timeout).send(HttpRequest.newBuilder(status).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (GeneralSecurityException e) {
            return fail(err, PqwsClient.USAGE, "cannot set up TLS: " + Failures.innermostMessage(e), e);
        } catch (HttpTimeoutException e) {
            return fail(err, PqwsClient.TIMED_OUT, "no answer from " + status + " within "
                    + WssConnection.describe(timeout), e);
        } catch (ConnectException e) {
            return fail(err, PqwsClient.CONNECTION_FAILED, "connection refused by " + status.getHost() + ":"
                    + status.getPort(), e);
        } catch (IOException e) {
            return fail(err, PqwsClient.CONNECTION_FAILED, "request to " + status + " failed: "
                    + Failures.innermostMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(err, PqwsClient.INTERNAL_ERROR, "interrupted", e);
        }
        if (response.statusCode() != 200) {
            return fail(err, PqwsClient.CONNECTION_FAILED, status + " answered HTTP " + response.statusCode() + ": "
                    + response.body().strip(), null);
        }
        ReadinessReport report;
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            report = ReadinessReport.of(reader.readObject());
        } catch (JsonException e) {
            return fail(err, PqwsClient.CONNECTION_FAILED, status + " is not JSON: " + Failures.innermostMessage(e),
                    e);
        } catch (IllegalArgumentException e) {
            return fail(err, PqwsClient.CONNECTION_FAILED, status + ": " + e.getMessage(), e);
        }
        out.println(report.text());
        out.flush();
        if (requireReady && !report.ready()) {
            return fail(err, PqwsClient.POLICY_FAILED, report.withoutHybridOffer() + " handshakes offered no hybrid "
                    + "group: the hybrid-only profile would refuse those clients", null);
        }
        return PqwsClient.OK;
    }

    private URI statusUri() {
        URI base;
        try {
            base = new URI(target.endsWith("/") ? target : target + "/");
        } catch (URISyntaxException e) {
            throw new ParameterException(spec.commandLine(), "not a URL: " + target);
        }
        if (!"https".equals(base.getScheme() == null ? null : base.getScheme().toLowerCase(Locale.ROOT))
                || base.getHost() == null) {
            throw new ParameterException(spec.commandLine(), "readiness needs the pqws application's https:// URL, "
                    + "e.g. https://localhost:8443/pqws/, not " + target);
        }
        return base.resolve("api/status");
    }

    private HttpClient client(Duration timeout) throws GeneralSecurityException {
        KeyStore trustStore;
        try {
            trustStore = trust.load();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(timeout).build();
    }

    private int fail(PrintWriter err, int code, String message, Exception cause) {
        PqwsClient.printFailure(err, message, cause, verbose);
        return code;
    }
}
