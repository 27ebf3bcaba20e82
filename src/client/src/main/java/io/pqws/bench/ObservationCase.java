package io.pqws.bench;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.util.List;
import java.util.Locale;

import io.pqws.client.BcTls;
import io.pqws.client.ClientTlsSettings;
import io.pqws.client.KeyStores;
import io.pqws.client.TlsProfile;
import io.pqws.jsse.PqwsJsseProvider;

/**
 * What the PQWS provider's observation of every server handshake costs (issue: "every TLS handshake counted"): full
 * hybrid TLS 1.3 handshakes per second and server CPU per handshake against two in-process engine servers
 * ({@link EngineTlsServer}) that differ only in where their SSLContext comes from: BCJSSE itself (observation off),
 * or the PQWS provider over the same BCJSSE instance (observation on, as in every PQ profile: the ClientHello is
 * parsed, fingerprinted (JA4) and counted, and the outcome is counted). Same key, same groups, same client.
 *
 * <p>Why in process rather than on Payara: a container's own per-connection work would dilute the difference;
 * this measures the provider layer alone, so a ratio that meets the target here meets it in any container.
 */
final class ObservationCase {

    private static final char[] PASSWORD = "changeit".toCharArray();

    private record Variant(EngineTlsServer server, Series rate, Series cpu) {
    }

    private ObservationCase() {
    }

    static void run(BenchReport report, Path certs, Plan plan, Progress progress) throws Exception {
        Section section = report.section("observation", "Handshake observation on and off: full hybrid TLS 1.3 "
                + "handshakes per second against in-process SSLEngine servers (" + plan.handshakeThreads()
                + " concurrent connections)");
        Section cpuSection = report.section("observation-cpu", "Server CPU time per full handshake, observation on "
                + "and off");
        KeyStore keys = KeyStores.readPkcs12(certs.resolve("server.p12"), PASSWORD);
        KeyStore trust = KeyStores.readPkcs12(certs.resolve("truststore.p12"), PASSWORD);
        Provider bc = BcTls.provider();
        TlsClient client = TlsClient.bc("BC hybrid", ClientTlsSettings.of(TlsProfile.HYBRID).withTrustStore(trust));
        try (EngineTlsServer off = EngineTlsServer.start("BCJSSE engines (observation off)", bc, bc, keys, PASSWORD,
                plan.handshakeThreads());
                EngineTlsServer on = EngineTlsServer.start("PQWS engines (observation on)", new PqwsJsseProvider(bc),
                        bc, keys, PASSWORD, plan.handshakeThreads())) {
            Variant without = variant(section, cpuSection, client, off);
            Variant with = variant(section, cpuSection, client, on);
            List<Variant> variants = List.of(without, with);
            HandshakeLoad.Options warm = new HandshakeLoad.Options(plan.handshakeThreads(), plan.warmup(), false,
                    false);
            for (Variant variant : variants) {
                progress.say("observation warm-up: " + variant.server().name());
                HandshakeLoad.run(client, variant.server(), warm);
            }
            HandshakeLoad.Options timed = new HandshakeLoad.Options(plan.handshakeThreads(), plan.handshakeRound(),
                    false, false);
            Interleaving.rounds(plan.rounds(), variants, (round, variant) -> {
                HandshakeLoad.Result result = HandshakeLoad.run(client, variant.server(), timed);
                variant.rate().add(result.perSecond());
                variant.rate().addLatencies(result.latencyMicros());
                variant.cpu().add(result.serverCpuMillisEach());
                result.wire().describeInto(variant.rate());
                if (result.failures() > 0) {
                    variant.rate().fact("failures", result.failures() + " (" + result.firstFailure() + ")");
                }
                progress.say(String.format(Locale.ROOT, "observation round %d: %-40s %8.1f /s, server %.3f ms CPU "
                        + "each", round + 1, variant.server().name(), result.perSecond(),
                        result.serverCpuMillisEach()));
            });
            for (Variant variant : variants) {
                if (variant.server().failures() > 0) {
                    variant.rate().fact("server-side failures", Long.toString(variant.server().failures()));
                }
            }
            section.ratio(Ratio.of("handshake rate: observation on / off", with.rate(), without.rate(), 0.97, true));
            cpuSection.ratio(Ratio.of("server CPU per handshake: off / on (1 = free)", without.cpu(), with.cpu(), 0.97,
                    true));
        }
        section.note("Both servers run in the benchmark's JVM beside the client, on the same BCJSSE instance, key "
                + "and groups (X25519MLKEM768, x25519, secp256r1); only the PQWS provider's engine wrapper differs. "
                + "The rate includes the client's own cost, which is the same for both.");
        cpuSection.note("Server CPU = the CPU time of the server's own threads (ThreadMXBean) during the round, "
                + "divided by the handshakes completed.");
    }

    private static Variant variant(Section section, Section cpuSection, TlsClient client, EngineTlsServer server) {
        String name = client.name() + " → " + server.name();
        return new Variant(server, section.series(name, "handshakes/s"), cpuSection.series(name,
                "ms CPU per handshake"));
    }
}
