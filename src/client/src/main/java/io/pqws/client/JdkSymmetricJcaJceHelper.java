package io.pqws.client;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.NoSuchPaddingException;

import org.bouncycastle.jcajce.util.DefaultJcaJceHelper;
import org.bouncycastle.jcajce.util.ProviderJcaJceHelper;

/**
 * Where our client's BCJSSE gets its algorithms: ciphers, MACs and digests from the JVM's installed providers first
 * (the JDK's AES-GCM, HMAC and SHA-2 run on CPU instructions through HotSpot intrinsics), everything else (ECDSA,
 * X25519, ML-KEM, certificate paths) from a private Bouncy Castle provider instance.
 *
 * <p>Why this split, measured in BENCHMARKS.md on JDK 17: BC's pure-Java AES-GCM protects records about 30 times
 * slower than the JDK's, while the JDK 17 SunEC provider's ECDSA and X25519 are several times slower than BC's, and
 * they dominate a handshake. ML-KEM exists only in BC on JDK 17. A client library must not install providers
 * globally, so the choice is made here rather than in the JVM's provider list.
 *
 * <p>Why it extends {@link ProviderJcaJceHelper}: on JDKs with the {@code javax.crypto.KEM} API (17.0.15 has it),
 * BCJSSE 1.84 looks ML-KEM up as a {@code KEM} in the helper's provider when the helper is a
 * {@code ProviderJcaJceHelper}, and among the installed providers otherwise, which have no ML-KEM here.
 */
final class JdkSymmetricJcaJceHelper extends ProviderJcaJceHelper {

    private final DefaultJcaJceHelper jdk = new DefaultJcaJceHelper();

    JdkSymmetricJcaJceHelper(Provider bouncyCastle) {
        super(bouncyCastle);
    }

    /** AES-GCM from the JDK; ChaCha20 ("ChaCha7539", BC's name) only BC has. */
    @Override
    public Cipher createCipher(String algorithm) throws NoSuchAlgorithmException, NoSuchPaddingException {
        try {
            return jdk.createCipher(algorithm);
        } catch (NoSuchAlgorithmException notInTheJdk) {
            return super.createCipher(algorithm);
        }
    }

    /** HMAC from the JDK; Poly1305 only BC has. */
    @Override
    public Mac createMac(String algorithm) throws NoSuchAlgorithmException {
        try {
            return jdk.createMac(algorithm);
        } catch (NoSuchAlgorithmException notInTheJdk) {
            return super.createMac(algorithm);
        }
    }

    /** Deprecated in BC, but BC 1.84's TLS crypto still hashes through it, so it must route to the JDK as well. */
    @Override
    @SuppressWarnings("deprecation")
    public MessageDigest createDigest(String algorithm) throws NoSuchAlgorithmException {
        try {
            return jdk.createDigest(algorithm);
        } catch (NoSuchAlgorithmException notInTheJdk) {
            return super.createDigest(algorithm);
        }
    }

    @Override
    public MessageDigest createMessageDigest(String algorithm) throws NoSuchAlgorithmException {
        try {
            return jdk.createMessageDigest(algorithm);
        } catch (NoSuchAlgorithmException notInTheJdk) {
            return super.createMessageDigest(algorithm);
        }
    }
}
