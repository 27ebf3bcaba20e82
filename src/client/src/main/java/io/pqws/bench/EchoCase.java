package io.pqws.bench;

import java.net.URI;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.pqws.client.ClientTlsSettings;
import io.pqws.client.TlsProfile;
import io.pqws.client.WssClient;

/**
 * Case 4: WebSocket echo throughput and round-trip latency through {@code /echo} with our client library
 * ({@link WssClient}, Tyrus over BCJSSE): each profile's wss against plain ws on the same container, stock Payara's
 * wss, and wss through nginx. One table per message size and session count.
 */
final class EchoCase {

    private record Variant(String name, BenchServer server, EchoLoad.Sessions sessions) {
    }

    private EchoCase() {
    }

    static void run(BenchReport report, Servers servers, KeyStore trust, Plan plan, Progress progress)
            throws Exception {
        WssClient hybrid = new WssClient(ClientTlsSettings.of(TlsProfile.HYBRID).withTrustStore(trust));
        WssClient classic = new WssClient(ClientTlsSettings.of(TlsProfile.CLASSIC).withTrustStore(trust));
        int maxSessions = Collections.max(plan.echoSessions());
        List<Variant> variants = new ArrayList<>();
        try {
            open(variants, "wss " + servers.hybrid().name(), servers.hybrid(), hybrid, "wss", maxSessions, progress);
            open(variants, "ws " + servers.hybrid().name(), servers.hybrid(), hybrid, "ws", maxSessions, progress);
            open(variants, "wss " + servers.classic().name(), servers.classic(), classic, "wss", maxSessions,
                    progress);
            open(variants, "ws " + servers.classic().name(), servers.classic(), classic, "ws", maxSessions, progress);
            open(variants, "wss " + servers.stock().name(), servers.stock(), classic, "wss", maxSessions, progress);
            open(variants, "ws " + servers.stock().name(), servers.stock(), classic, "ws", maxSessions, progress);
            if (servers.nginx() != null) {
                open(variants, "wss " + servers.nginx().name() + " → stock Payara ws", servers.nginx(), hybrid,
                        "wss", maxSessions, progress);
            }
            for (int size : plan.echoSizes()) {
                byte[] payload = new byte[size];
                new Random(size).nextBytes(payload);
                for (int sessions : plan.echoSessions()) {
                    cell(report, plan, variants, payload, sessions, progress);
                }
            }
        } finally {
            variants.forEach(v -> v.sessions().close());
        }
    }

    private static void open(List<Variant> variants, String name, BenchServer server, WssClient client,
            String scheme, int count, Progress progress) throws Exception {
        int port = scheme.equals("wss") ? server.httpsPort() : server.httpPort();
        URI uri = URI.create(scheme + "://localhost:" + port + "/pqws/echo");
        EchoLoad.Sessions sessions = EchoLoad.open(client, uri, count);
        progress.say("echo: " + count + " sessions open to " + uri + " (" + sessions.describe() + ")");
        variants.add(new Variant(name, server, sessions));
    }

    private static void cell(BenchReport report, Plan plan, List<Variant> variants, byte[] payload, int sessions,
            Progress progress) throws Exception {
        String size = payload.length >= 1024 ? payload.length / 1024 + " KiB" : payload.length + " B";
        Section section = report.section("echo-" + payload.length / 1024 + "k-" + sessions,
                "Echo of " + size + " binary messages, " + sessions + (sessions == 1 ? " session" : " sessions"));
        List<Series> series = new ArrayList<>();
        for (Variant variant : variants) {
            Series s = section.series(variant.name(), "messages/s");
            s.fact("TLS", variant.sessions().describe());
            series.add(s);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            order.add(i);
        }
        for (int i : order) {
            EchoLoad.run(variants.get(i).sessions(), sessions, payload, plan.echoRound().dividedBy(2),
                    variants.get(i).server());
        }
        Interleaving.rounds(plan.echoRounds(), order, (round, i) -> {
            Variant variant = variants.get(i);
            EchoLoad.Result result = EchoLoad.run(variant.sessions(), sessions, payload, plan.echoRound(),
                    variant.server());
            Series s = series.get(i);
            s.add(result.perSecond());
            s.addLatencies(result.latencyMicros());
            if (result.failures() > 0) {
                s.fact("failures", result.failures() + " (" + result.firstFailure() + ")");
            }
            progress.say(String.format(Locale.ROOT, "%s round %d: %-55s %9.1f msg/s", section.id(), round + 1,
                    variant.name(), result.perSecond()));
        });
        section.note("The containers run with the abuse limits raised (" + BenchSettings.describe()
                + "); with the default of 20 messages per second per session the rate limiter would be measured.");
        for (Series s : series) {
            s.fact("MB/s each way (median)", String.format(Locale.ROOT, "%.1f",
                    s.summary().median() * payload.length / 1e6));
        }
        for (int i = 0; i + 1 < 6; i += 2) {
            section.ratio(Ratio.of(series.get(i).name() + " / " + series.get(i + 1).name(), series.get(i),
                    series.get(i + 1), 0.85, true));
        }
        section.ratio(Ratio.of("wss Payara hybrid / wss stock Payara", series.get(0), series.get(4), Double.NaN,
                true));
        if (series.size() > 6) {
            section.ratio(Ratio.of("wss Payara hybrid / wss via nginx", series.get(0), series.get(6), Double.NaN,
                    true));
        }
    }
}
