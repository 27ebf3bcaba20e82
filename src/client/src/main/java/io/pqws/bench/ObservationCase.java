package io.pqws.bench;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.List;
import java.util.Locale;

import io.pqws.client.BcTls;
import io.pqws.client.ClientTlsSettings;
import io.pqws.client.KeyStores;
import io.pqws.client.TlsProfile;
import io.pqws.jsse.PqwsJsseProvider;

/**
 * What the PQWS provider's observation of every server handshake costs: full TLS 1.3 handshakes per second and server
 * CPU per handshake against in-process engine servers ({@link EngineTlsServer}) that differ only in where their
 * SSLContext comes from, in two pairs measured in the same interleaved rounds:
 * <ul>
 * <li>the PQ profiles: BCJSSE itself (observation off) or the PQWS provider over the same BCJSSE instance (on, as in
 * {@code hybrid}, {@code classic}, {@code hybrid-mldsa}: the ClientHello is parsed, fingerprinted (JA4) and counted,
 * and the outcome is counted);</li>
 * <li>the {@code observe} profile: the JDK's SunJSSE itself, or the PQWS provider in observe mode over it (which also
 * reads the group from the server's own ServerHello).</li>
 * </ul>
 * Same key, same client (ours, offering X25519MLKEM768 first, then x25519): BCJSSE serves the hybrid group, SunJSSE
 * on JDK 17 x25519.
 *
 * <p>Why in process rather than on Payara: a container's own per-connection work would dilute the difference; this
 * measures the provider layer alone, so a ratio that meets the target here meets it in any container.
 */
final class ObservationCase {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final String MODE = "pqws.tls.mode";

    private record Variant(EngineTlsServer server, Series rate, Series cpu) {
    }

    private ObservationCase() {
    }

    static void run(BenchReport report, Path certs, Plan plan, Progress progress) throws Exception {
        Section section = report.section("observation", "Handshake observation on and off: full TLS 1.3 handshakes "
                + "per second against in-process SSLEngine servers (" + plan.handshakeThreads()
                + " concurrent connections)");
        Section cpuSection = report.section("observation-cpu", "Server CPU time per full handshake, observation on "
                + "and off");
        KeyStore keys = KeyStores.readPkcs12(certs.resolve("server.p12"), PASSWORD);
        KeyStore trust = KeyStores.readPkcs12(certs.resolve("truststore.p12"), PASSWORD);
        Provider bc = BcTls.provider();
        Provider sun = Security.getProvider("SunJSSE");
        TlsClient client = TlsClient.bc("BC hybrid", ClientTlsSettings.of(TlsProfile.HYBRID).withTrustStore(trust));
        int threads = plan.handshakeThreads();
        try (EngineTlsServer bcOff = EngineTlsServer.start("BCJSSE (observation off)", bc, bc, keys, PASSWORD,
                threads);
                EngineTlsServer bcOn = EngineTlsServer.start("PQWS over BCJSSE (on: PQ profiles)",
                        new PqwsJsseProvider(bc), bc, keys, PASSWORD, threads);
                EngineTlsServer sunOff = EngineTlsServer.start("SunJSSE (observation off)", sun, sun, keys, PASSWORD,
                        threads);
                EngineTlsServer sunOn = EngineTlsServer.start("PQWS over SunJSSE (on: observe profile)",
                        observeModeProvider(), sun, keys, PASSWORD, threads)) {
            Variant bcWithout = variant(section, cpuSection, client, bcOff);
            Variant bcWith = variant(section, cpuSection, client, bcOn);
            Variant sunWithout = variant(section, cpuSection, client, sunOff);
            Variant sunWith = variant(section, cpuSection, client, sunOn);
            List<Variant> variants = List.of(bcWithout, bcWith, sunWithout, sunWith);
            HandshakeLoad.Options warm = new HandshakeLoad.Options(threads, plan.warmup(), false, false);
            for (Variant variant : variants) {
                progress.say("observation warm-up: " + variant.server().name());
                HandshakeLoad.run(client, variant.server(), warm);
            }
            HandshakeLoad.Options timed = new HandshakeLoad.Options(threads, plan.handshakeRound(), false, false);
            Interleaving.rounds(plan.rounds(), variants, (round, variant) -> {
                HandshakeLoad.Result result = HandshakeLoad.run(client, variant.server(), timed);
                variant.rate().add(result.perSecond());
                variant.rate().addLatencies(result.latencyMicros());
                variant.cpu().add(result.serverCpuMillisEach());
                result.wire().describeInto(variant.rate());
                if (result.failures() > 0) {
                    variant.rate().fact("failures", result.failures() + " (" + result.firstFailure() + ")");
                }
                progress.say(String.format(Locale.ROOT, "observation round %d: %-45s %8.1f /s, server %.3f ms CPU "
                        + "each", round + 1, variant.server().name(), result.perSecond(),
                        result.serverCpuMillisEach()));
            });
            for (Variant variant : variants) {
                if (variant.server().failures() > 0) {
                    variant.rate().fact("server-side failures", Long.toString(variant.server().failures()));
                }
            }
            section.ratio(Ratio.of("PQ profiles: handshake rate, observation on / off", bcWith.rate(),
                    bcWithout.rate(), 0.97, true));
            section.ratio(Ratio.of("observe profile: handshake rate, observation on / off", sunWith.rate(),
                    sunWithout.rate(), 0.97, true));
            cpuSection.ratio(Ratio.of("PQ profiles: server CPU per handshake, off / on (1 = free)", bcWithout.cpu(),
                    bcWith.cpu(), 0.97, true));
            cpuSection.ratio(Ratio.of("observe profile: server CPU per handshake, off / on (1 = free)",
                    sunWithout.cpu(), sunWith.cpu(), 0.97, true));
        }
        section.note("All four servers run in the benchmark's JVM beside the client with the same key; each pair "
                + "differs only in the PQWS provider's engine wrapper. The rate includes the client's own cost, which "
                + "is the same within a pair.");
        cpuSection.note("Server CPU = the CPU time of the server's own threads (ThreadMXBean) during the round, "
                + "divided by the handshakes completed.");
    }

    /**
     * The PQWS provider as a JVM with the {@code observe} profile builds it: the mode is a system property read once
     * when the provider is constructed, so it is set for that moment only and the JVM's previous value put back.
     */
    private static Provider observeModeProvider() {
        String previous = System.getProperty(MODE);
        System.setProperty(MODE, "observe");
        try {
            return new PqwsJsseProvider(null);
        } finally {
            if (previous == null) {
                System.clearProperty(MODE);
            } else {
                System.setProperty(MODE, previous);
            }
        }
    }

    private static Variant variant(Section section, Section cpuSection, TlsClient client, EngineTlsServer server) {
        String name = client.name() + " → " + server.name();
        return new Variant(server, section.series(name, "handshakes/s"), cpuSection.series(name,
                "ms CPU per handshake"));
    }
}
