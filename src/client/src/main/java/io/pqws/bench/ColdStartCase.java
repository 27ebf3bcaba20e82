package io.pqws.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * Case 6: cold start to ready, stock Payara Micro against the {@code hybrid} profile (and {@code classic}), as
 * Payara itself reports it ("ready in N ms": boot to the WAR deployed). The first sample of each is the start of the
 * run's own servers (one after another, nothing else busy); full runs add stop/start cycles, interleaved.
 */
final class ColdStartCase {

    private ColdStartCase() {
    }

    static void run(BenchReport report, Path root, Servers servers, Plan plan, Progress progress) throws Exception {
        Section section = report.section("coldstart", "Cold start to ready (Payara's own 'ready in')");
        Series stock = section.series("stock Payara (SunJSSE)", "ms");
        Series classic = section.series("Payara classic", "ms");
        Series hybrid = section.series("Payara hybrid", "ms");
        stock.add(servers.stock().readyMillis());
        classic.add(servers.classic().readyMillis());
        hybrid.add(servers.hybrid().readyMillis());
        record Profile(String name, Series series) {
        }
        List<Profile> profiles = List.of(new Profile("none", stock), new Profile("classic", classic),
                new Profile("hybrid", hybrid));
        Interleaving.rounds(plan.coldStarts(), profiles, (round, profile) -> {
            try (PayaraServer server = PayaraServer.start(root, profile.name(), "cold start " + profile.name(),
                    "cold-" + profile.name(), servers.settings())) {
                profile.series().add(server.readyMillis());
                progress.say("cold start round " + (round + 1) + ": " + profile.series().name() + " ready in "
                        + server.readyMillis() + " ms (run.sh took " + server.scriptTook().toMillis() + " ms)");
            }
        });
        section.ratio(Ratio.of("hybrid / stock", hybrid, stock, Double.NaN, false));
        section.ratio(Ratio.of("classic / stock", classic, stock, Double.NaN, false));
        section.note("The extra cold starts run while the three benchmark servers idle in the background.");
    }
}
