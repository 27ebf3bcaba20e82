package io.pqws.bench;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.crypto.KeyAgreement;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The public-key operations of a handshake, per JCA provider, in this JVM: ECDSA P-256 signing (the server's
 * CertificateVerify) and an X25519 key pair plus agreement (each side's key exchange). They explain where a
 * handshake's CPU goes and back the profiles' choice of Bouncy Castle for them ({@code jdk.security.provider
 * .preferred}): JDK 17's SunEC is pure Java without the optimisations of later JDKs.
 *
 * <p>The server's key comes from a PKCS12 key store read by the JDK, so it is a SunEC key object; BC converts such a
 * key on every signature and recomputes its fixed-point table, hence the separate "BC, BC key" variant.
 */
final class PublicKeyCase {

    /** One provider doing one operation repeatedly. */
    private interface Operation {
        void once() throws Exception;
    }

    private record Variant(Operation operation, Series series) {
    }

    private PublicKeyCase() {
    }

    static void run(BenchReport report, Plan plan, Progress progress) throws Exception {
        Provider sunEc = java.security.Security.getProvider("SunEC");
        Provider bc = new BouncyCastleProvider();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC", sunEc);
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair sunKey = ec.generateKeyPair();
        PrivateKey bcKey = (PrivateKey) KeyFactory.getInstance("EC", bc).translateKey(sunKey.getPrivate());
        byte[] digest = new byte[32];

        Section signing = report.section("pubkey-ecdsa", "ECDSA P-256 signature of a SHA-256 digest (NONEwithECDSA, "
                + "as a TLS 1.3 server signs), one thread");
        List<Variant> signers = List.of(
                new Variant(signer(sunEc, sunKey.getPrivate(), digest), signing.series("SunEC", "signatures/s")),
                new Variant(signer(bc, sunKey.getPrivate(), digest), signing.series("BC, SunEC key object",
                        "signatures/s")),
                new Variant(signer(bc, bcKey, digest), signing.series("BC, BC key object", "signatures/s")));
        measure(signers, plan, progress);
        signing.ratio(Ratio.of("BC with a SunEC key / SunEC", signers.get(1).series(), signers.get(0).series(),
                Double.NaN, true));
        signing.ratio(Ratio.of("BC with a BC key / SunEC", signers.get(2).series(), signers.get(0).series(),
                Double.NaN, true));

        Section exchange = report.section("pubkey-x25519", "X25519: new key pair and agreement with a peer key, "
                + "one thread");
        PublicKey sunPeer = KeyPairGenerator.getInstance("X25519", sunEc).generateKeyPair().getPublic();
        PublicKey bcPeer = KeyPairGenerator.getInstance("X25519", bc).generateKeyPair().getPublic();
        List<Variant> exchanges = List.of(
                new Variant(exchange(sunEc, sunPeer), exchange.series("SunEC", "exchanges/s")),
                new Variant(exchange(bc, bcPeer), exchange.series("BC", "exchanges/s")));
        measure(exchanges, plan, progress);
        exchange.ratio(Ratio.of("BC / SunEC", exchanges.get(1).series(), exchanges.get(0).series(), Double.NaN,
                true));
    }

    private static Operation signer(Provider provider, PrivateKey key, byte[] digest) throws Exception {
        Signature signature = Signature.getInstance("NONEwithECDSA", provider);
        return () -> {
            signature.initSign(key);
            signature.update(digest);
            signature.sign();
        };
    }

    private static Operation exchange(Provider provider, PublicKey peer) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("X25519", provider);
        KeyAgreement agreement = KeyAgreement.getInstance("X25519", provider);
        return () -> {
            agreement.init(generator.generateKeyPair().getPrivate());
            agreement.doPhase(peer, true);
            agreement.generateSecret();
        };
    }

    private static void measure(List<Variant> variants, Plan plan, Progress progress) throws Exception {
        for (Variant variant : variants) {
            perSecond(variant.operation(), plan.bulkRound());
        }
        Interleaving.rounds(plan.bulkRounds(), new ArrayList<>(variants), (round, variant) -> {
            double rate = perSecond(variant.operation(), plan.bulkRound());
            variant.series().add(rate);
            progress.say(String.format(Locale.ROOT, "public key round %d: %-22s %8.0f /s", round + 1,
                    variant.series().name(), rate));
        });
    }

    private static double perSecond(Operation operation, Duration duration) throws Exception {
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        long count = 0;
        while (System.nanoTime() < deadline) {
            operation.once();
            count++;
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }
}
