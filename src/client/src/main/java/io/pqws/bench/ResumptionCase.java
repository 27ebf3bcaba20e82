package io.pqws.bench;

import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Case 3: resumed against full handshakes. The JDK's client resumes TLS 1.3 sessions from tickets; BCJSSE 1.84
 * resumes only TLS 1.2 sessions (its TLS 1.3 PSK resumption is not implemented, on either side), so under a PQ profile
 * a returning client gets a full handshake. Every connection sends one HEAD request so that the client reads the
 * session ticket that makes the next connection resumable; "full" uses a fresh SNI host per connection.
 */
final class ResumptionCase {

    private record Variant(TlsClient client, BenchServer server, boolean resume, Series rate) {
    }

    private ResumptionCase() {
    }

    static void run(BenchReport report, Servers servers, KeyStore trust, Plan plan, Progress progress)
            throws Exception {
        Section section = report.section("resumption", "Resumed vs full TLS 1.3 handshakes (JDK client, handshake + "
                + "one HEAD request, " + plan.handshakeThreads() + " concurrent connections)");
        TlsClient jdk = TlsClient.jdk("JDK client", trust);
        List<BenchServer> targets = new ArrayList<>(List.of(servers.stock(), servers.hybrid()));
        if (servers.nginx() != null) {
            targets.add(servers.nginx());
        }
        List<Variant> variants = new ArrayList<>();
        for (BenchServer server : targets) {
            for (boolean resume : new boolean[] {false, true}) {
                String name = (resume ? "resumed" : "full") + " → " + server.name();
                variants.add(new Variant(jdk, server, resume, section.series(name, "connections/s")));
            }
        }
        for (Variant variant : variants) {
            progress.say("resumption warm-up: " + variant.rate().name());
            HandshakeLoad.run(variant.client(), variant.server(),
                    new HandshakeLoad.Options(plan.handshakeThreads(), plan.warmup(), true, variant.resume()));
        }
        Interleaving.rounds(plan.resumptionRounds(), variants, (round, variant) -> {
            HandshakeLoad.Result result = HandshakeLoad.run(variant.client(), variant.server(),
                    new HandshakeLoad.Options(plan.handshakeThreads(), plan.resumptionRound(), true,
                            variant.resume()));
            variant.rate().add(result.perSecond());
            variant.rate().addLatencies(result.latencyMicros());
            result.wire().describeInto(variant.rate());
            variant.rate().fact("server CPU ms each", String.format(Locale.ROOT, "%.2f",
                    result.serverCpuMillisEach()));
            if (result.failures() > 0) {
                variant.rate().fact("failures", result.failures() + " (" + result.firstFailure() + ")");
            }
            progress.say(String.format(Locale.ROOT, "resumption round %d: %-45s %8.1f /s, resumed %d of %d",
                    round + 1, variant.rate().name(), result.perSecond(), result.wire().resumed(),
                    result.wire().handshakes()));
        });
        for (int i = 0; i < variants.size(); i += 2) {
            section.ratio(Ratio.of("resumed / full, " + variants.get(i).server().name(),
                    variants.get(i + 1).rate(), variants.get(i).rate(), Double.NaN, true));
        }
        section.note("The JDK 17 client offers no hybrid group, so these handshakes use x25519 everywhere; they "
                + "measure what resumption saves, not ML-KEM.");
        section.note("BCJSSE 1.84 does not resume TLS 1.3 sessions, as client or as server (its sources mark TLS 1.3 "
                + "PSK resumption as to do); the 'resumed' column shows whether the server really resumed.");
    }
}
