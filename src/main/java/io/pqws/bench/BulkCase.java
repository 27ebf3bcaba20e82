package io.pqws.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Case 4, bulk part: how fast each TLS stack protects records with the same cipher suite, in memory (see
 * {@link BulkTransfer}): SunJSSE, BCJSSE on BC's pure-Java ciphers, BCJSSE on the JDK's ciphers, and the BCJSSE
 * our client uses now.
 */
final class BulkCase {

    static final List<String> SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256");

    private record Variant(BulkTransfer transfer, Series series) {
    }

    private BulkCase() {
    }

    static void run(BenchReport report, Path certs, Plan plan, Progress progress) throws Exception {
        for (String suite : SUITES) {
            Section section = report.section("bulk-" + suite.toLowerCase(Locale.ROOT).replace("tls_", "")
                    .replace('_', '-'), "Bulk record protection, " + suite + " (one thread, in memory, 16 KiB "
                    + "records: encrypt + decrypt)");
            List<Variant> variants = new ArrayList<>();
            for (BulkTransfer.Stack stack : BulkTransfer.Stack.values()) {
                variants.add(new Variant(BulkTransfer.open(stack, suite, certs),
                        section.series(stack.label(), "MB/s")));
            }
            for (Variant variant : variants) {
                variant.transfer().megabytesPerSecond(plan.bulkRound());
            }
            Interleaving.rounds(plan.bulkRounds(), variants, (round, variant) -> {
                double rate = variant.transfer().megabytesPerSecond(plan.bulkRound());
                variant.series().add(rate);
                progress.say(String.format(Locale.ROOT, "bulk %s round %d: %-28s %8.1f MB/s", suite, round + 1,
                        variant.series().name(), rate));
            });
            Series sun = variants.get(0).series();
            section.ratio(Ratio.of("BCJSSE, BC crypto / SunJSSE", variants.get(1).series(), sun, Double.NaN, true));
            section.ratio(Ratio.of("BCJSSE, JDK crypto / SunJSSE", variants.get(2).series(), sun, Double.NaN, true));
            section.ratio(Ratio.of("pqws-client / SunJSSE", variants.get(3).series(), sun, Double.NaN, true));
        }
        progress.say("bulk done");
    }
}
