package io.pqws.it;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.function.Predicate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.pqws.testsupport.PrometheusScrape;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * The operator's view of the server under test: {@code /api/metrics} and {@code /api/status} fetched over HTTPS by
 * the JDK's own HTTP client (trusting the test CA), and a bounded wait until they show what the test expects.
 */
final class OperatorHttp {

    static final Duration WAIT = Duration.ofSeconds(15);

    private final HttpClient http;
    private final URI base;

    /** Over HTTPS to the server's TLS port. */
    OperatorHttp() throws GeneralSecurityException {
        this(PqwsServer.https(""));
    }

    /**
     * To {@code base} (e.g. {@code http://localhost:PORT/pqws/}): plain HTTP where the JDK's client, which offers no
     * hybrid group, would be refused (hybrid-only) or would itself show up in what is measured.
     */
    OperatorHttp(URI base) throws GeneralSecurityException {
        this.base = base;
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(PqwsServer.trustStore());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        http = HttpClient.newBuilder().sslContext(context).connectTimeout(WAIT).build();
    }

    /** GET of a path relative to the base, e.g. {@code status.html}. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(base.resolve(path));
    }

    HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
    }

    PrometheusScrape metrics() throws IOException, InterruptedException {
        HttpResponse<String> response = get(base.resolve("api/metrics"));
        if (response.statusCode() != 200) {
            throw new AssertionError("GET api/metrics: " + response.statusCode() + " " + response.body());
        }
        return PrometheusScrape.parse(response.body());
    }

    JsonObject status() throws IOException, InterruptedException {
        HttpResponse<String> response = get(base.resolve("api/status"));
        if (response.statusCode() != 200) {
            throw new AssertionError("GET api/status: " + response.statusCode() + " " + response.body());
        }
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /**
     * Scrapes until the metrics satisfy the condition, at most {@link #WAIT}: the server records a close when its
     * {@code @OnClose} has run, which may be just after the client's close returned. Each round is one HTTP request;
     * there is no sleep.
     */
    PrometheusScrape metricsWhen(Predicate<PrometheusScrape> condition) throws IOException, InterruptedException {
        return metricsWhen(condition, WAIT);
    }

    /** As {@link #metricsWhen(Predicate)}, waiting at most {@code wait}. */
    PrometheusScrape metricsWhen(Predicate<PrometheusScrape> condition, Duration wait)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        PrometheusScrape scrape = metrics();
        while (!condition.test(scrape) && System.nanoTime() - deadline < 0) {
            scrape = metrics();
        }
        return scrape;
    }
}
