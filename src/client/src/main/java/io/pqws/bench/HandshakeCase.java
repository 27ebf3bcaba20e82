package io.pqws.bench;

import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.pqws.client.ClientTlsSettings;
import io.pqws.client.TlsProfile;

/**
 * Case 1 and 2: full TLS 1.3 handshakes per second, and server CPU per handshake, side by side: our WAR on Payara
 * Micro under {@code hybrid} and {@code classic}, stock Payara Micro on SunJSSE, and nginx on OpenSSL 3.5. Also the
 * cost of a HelloRetryRequest (a hybrid client whose first key share is x25519).
 */
final class HandshakeCase {

    /** One client against one server. */
    private record Variant(TlsClient client, BenchServer server, Series rate, Series cpu) {
    }

    private HandshakeCase() {
    }

    static void run(BenchReport report, Servers servers, KeyStore trust, Plan plan, Progress progress)
            throws Exception {
        Section section = report.section("handshake", "Full TLS 1.3 handshakes per second (TCP connect + handshake + "
                + "close, " + plan.handshakeThreads() + " concurrent connections)");
        Section cpuSection = report.section("handshake-cpu", "Server CPU time per full handshake");
        ClientTlsSettings hybrid = ClientTlsSettings.of(TlsProfile.HYBRID).withTrustStore(trust);
        ClientTlsSettings classic = ClientTlsSettings.of(TlsProfile.CLASSIC).withTrustStore(trust);
        TlsClient bcHybrid = TlsClient.bc("BC hybrid", hybrid);
        TlsClient bcClassic = TlsClient.bc("BC classic", classic);
        TlsClient bcHybridRetry = TlsClient.bc("BC hybrid, x25519 share first",
                hybrid.withEarlyKeyShares(List.of("x25519")));
        TlsClient jdk = TlsClient.jdk("JDK (SunJSSE)", trust);

        List<Variant> variants = new ArrayList<>();
        Variant ourHybrid = variant(section, cpuSection, bcHybrid, servers.hybrid(), variants);
        Variant ourClassic = variant(section, cpuSection, bcClassic, servers.classic(), variants);
        Variant stockBc = variant(section, cpuSection, bcClassic, servers.stock(), variants);
        Variant stockJdk = variant(section, cpuSection, jdk, servers.stock(), variants);
        Variant retry = variant(section, cpuSection, bcHybridRetry, servers.hybrid(), variants);
        Variant nginxHybrid = null;
        Variant nginxClassic = null;
        if (servers.nginx() != null) {
            nginxHybrid = variant(section, cpuSection, bcHybrid, servers.nginx(), variants);
            nginxClassic = variant(section, cpuSection, bcClassic, servers.nginx(), variants);
        }

        HandshakeLoad.Options warm = new HandshakeLoad.Options(plan.handshakeThreads(), plan.warmup(), false, false);
        for (Variant variant : variants) {
            progress.say("handshake warm-up: " + variant.rate().name());
            HandshakeLoad.run(variant.client(), variant.server(), warm);
        }
        HandshakeLoad.Options timed = new HandshakeLoad.Options(plan.handshakeThreads(), plan.handshakeRound(), false,
                false);
        Interleaving.rounds(plan.rounds(), variants, (round, variant) -> {
            HandshakeLoad.Result result = HandshakeLoad.run(variant.client(), variant.server(), timed);
            variant.rate().add(result.perSecond());
            variant.rate().addLatencies(result.latencyMicros());
            variant.cpu().add(result.serverCpuMillisEach());
            result.wire().describeInto(variant.rate());
            variant.rate().fact("client CPU ms each", String.format(Locale.ROOT, "%.2f",
                    result.clientCpuNanos() / 1e6 / Math.max(1, result.connections())));
            if (result.failures() > 0) {
                variant.rate().fact("failures", result.failures() + " (" + result.firstFailure() + ")");
            }
            progress.say(String.format(Locale.ROOT, "handshake round %d: %-60s %8.1f /s, server %.2f ms CPU each",
                    round + 1, variant.rate().name(), result.perSecond(), result.serverCpuMillisEach()));
        });

        section.ratio(Ratio.of("our hybrid / our classic (both BCJSSE)", ourHybrid.rate(), ourClassic.rate(), 0.90,
                true));
        section.ratio(Ratio.of("our hybrid / stock Payara classic (SunJSSE server, same BC client)",
                ourHybrid.rate(), stockBc.rate(), 1.0, true));
        section.ratio(Ratio.of("our hybrid / stock Payara with the JDK client (what users have today)",
                ourHybrid.rate(), stockJdk.rate(), 1.0, true));
        section.ratio(Ratio.of("with HelloRetryRequest / without (Payara hybrid)", retry.rate(), ourHybrid.rate(),
                Double.NaN, true));
        cpuSection.ratio(Ratio.of("server CPU: our hybrid / our classic", ourHybrid.cpu(), ourClassic.cpu(),
                Double.NaN, false));
        cpuSection.ratio(Ratio.of("server CPU: our hybrid / stock Payara (SunJSSE)", ourHybrid.cpu(), stockBc.cpu(),
                Double.NaN, false));
        if (nginxHybrid != null) {
            section.ratio(Ratio.of("our hybrid / nginx hybrid", ourHybrid.rate(), nginxHybrid.rate(), Double.NaN,
                    true));
            section.ratio(Ratio.of("nginx hybrid / nginx classic", nginxHybrid.rate(), nginxClassic.rate(),
                    Double.NaN, true));
            cpuSection.ratio(Ratio.of("server CPU: our hybrid / nginx hybrid", ourHybrid.cpu(), nginxHybrid.cpu(),
                    Double.NaN, false));
        }
        section.note("Client and servers share the machine's " + report.machine().cpus() + " cores, so a rate "
                + "includes the client's own cost (BC client: ML-KEM key generation and decapsulation for hybrid). "
                + "Server CPU per handshake (next table) is the server's cost alone, from /proc.");
        section.note("Latency percentiles are per connection, from TCP connect to handshake done, under the "
                + "concurrency above (they include queueing).");
        section.note("Each full handshake uses a fresh SNI host name, so no client resumes a session; the "
                + "'resumed' column proves it.");
        cpuSection.note("Server CPU = user + system time of the server process (nginx: master and workers) during "
                + "the round, divided by the handshakes completed; 10 ms clock ticks, so short rounds are coarse.");
    }

    private static Variant variant(Section section, Section cpuSection, TlsClient client, BenchServer server,
            List<Variant> variants) {
        String name = client.name() + " → " + server.name();
        Variant variant = new Variant(client, server, section.series(name, "handshakes/s"),
                cpuSection.series(name, "ms CPU per handshake"));
        variants.add(variant);
        return variant;
    }
}
