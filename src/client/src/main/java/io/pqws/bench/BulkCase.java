package io.pqws.bench;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
            Map<BulkTransfer.Stack, Series> byStack = new EnumMap<>(BulkTransfer.Stack.class);
            for (BulkTransfer.Stack stack : BulkTransfer.Stack.values()) {
                try {
                    BulkTransfer transfer = BulkTransfer.open(stack, suite, certs);
                    Series series = section.series(stack.label(), "MB/s");
                    variants.add(new Variant(transfer, series));
                    byStack.put(stack, series);
                } catch (GeneralSecurityException | IllegalStateException e) {
                    section.note(stack.label() + " cannot use " + suite + ": " + e.getMessage() + " (BCJSSE does "
                            + "ChaCha20-Poly1305 with the BC-specific \"ChaCha7539\" and \"Poly1305\" algorithms, "
                            + "which the JDK's providers do not have).");
                }
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
            Series sun = byStack.get(BulkTransfer.Stack.SUNJSSE);
            for (BulkTransfer.Stack stack : List.of(BulkTransfer.Stack.BCJSSE_BC_CRYPTO,
                    BulkTransfer.Stack.BCJSSE_JDK_CRYPTO, BulkTransfer.Stack.PQWS_CLIENT)) {
                if (sun != null && byStack.containsKey(stack)) {
                    section.ratio(Ratio.of(stack.label() + " / SunJSSE", byStack.get(stack), sun, Double.NaN, true));
                }
            }
        }
        progress.say("bulk done");
    }
}
