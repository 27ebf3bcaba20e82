package io.pqws.client;

import java.security.AlgorithmParameterGenerator;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CertStoreParameters;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;

import javax.crypto.Cipher;
import javax.crypto.ExemptionMechanism;
import javax.crypto.KeyAgreement;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.SecretKeyFactory;

import org.bouncycastle.jcajce.util.DefaultJcaJceHelper;
import org.bouncycastle.jcajce.util.ProviderJcaJceHelper;

/**
 * Where our client's BCJSSE gets its algorithms: from the JVM's installed providers first (the JDK's AES-GCM with
 * CPU intrinsics, its X25519 and ECDSA), and from a private Bouncy Castle provider instance only for what the JDK
 * lacks (ML-KEM on JDK 17).
 *
 * <p>Why: BCJSSE built on {@code new BouncyCastleProvider()} takes <em>every</em> algorithm from BC, so records were
 * protected by BC's pure-Java ciphers, several times slower than the JDK's (see BENCHMARKS.md). The server's PQ
 * profiles get the same order from the {@code java.security} overlay (JDK providers first, BC last); a client library
 * must not install providers globally, so it gets the order here instead.
 *
 * <p>Why it extends {@link ProviderJcaJceHelper}: on JDKs with the {@code javax.crypto.KEM} API (17.0.15 has it),
 * BCJSSE 1.84 looks ML-KEM up as a {@code KEM} outside the helper, in the helper's provider if the helper is a
 * {@code ProviderJcaJceHelper} and among the installed providers otherwise; the installed ones have no ML-KEM here.
 * So the Bouncy Castle instance must be "the provider" of this helper, and everything else is tried in the JDK
 * first.
 */
final class JdkFirstJcaJceHelper extends ProviderJcaJceHelper {

    private final DefaultJcaJceHelper jdk = new DefaultJcaJceHelper();

    JdkFirstJcaJceHelper(Provider fallback) {
        super(fallback);
    }

    @Override
    public Cipher createCipher(String algorithm) throws NoSuchAlgorithmException, NoSuchPaddingException {
        try {
            return jdk.createCipher(algorithm);
        } catch (NoSuchAlgorithmException notInTheJdk) {
            return super.createCipher(algorithm);
        }
    }

    @Override
    public Mac createMac(String algorithm) throws NoSuchAlgorithmException {
        try {
            return jdk.createMac(algorithm);
        } catch (NoSuchAlgorithmException notInTheJdk) {
            return super.createMac(algorithm);
        }
    }

    @Override
    public KeyAgreement createKeyAgreement(String algorithm) throws NoSuchAlgorithmException {
        try {
            return jdk.createKeyAgreement(algorithm);
        } catch (NoSuchAlgorithmException notInTheJdk) {
            return super.createKeyAgreement(algorithm);
        }
    }

    @Override
    public AlgorithmParameterGenerator createAlgorithmParameterGenerator(String algorithm) throws NoSuchAlgorithmException {
        try {
            return jdk.createAlgorithmParameterGenerator(algorithm);
        } catch (NoSuchAlgorithmException notInTheJdk) {
            return super.createAlgorithmParameterGenerator(algorithm);
        }
    }

    @Override
    public AlgorithmParameters createAlgorithmParameters(String algorithm) throws NoSuchAlgorithmException {
        try {
            return jdk.createAlgorithmParameters(algorithm);
        } catch (NoSuchAlgorithmException notInTheJdk) {
            return super.createAlgorithmParameters(algorithm);
        }
    }

    @Override
    public KeyGenerator createKeyGenerator(String algorithm) throws NoSuchAlgorithmException {
        try {
            return jdk.createKeyGenerator(algorithm);
        } catch (NoSuchAlgorithmException notInTheJdk) {
            return super.createKeyGenerator(algorithm);
        }
    }

    @Override
    public KeyFactory createKeyFactory(String algorithm) throws NoSuchAlgorithmException {
        try {
            return jdk.createKeyFactory(algorithm);
        } catch (NoSuchAlgorithmException notInTheJdk) {
            return super.createKeyFactory(algorithm);
        }
    }

    @Override
    public SecretKeyFactory createSecretKeyFactory(String algorithm) throws NoSuchAlgorithmException {
        try {
            return jdk.createSecretKeyFactory(algorithm);
        } catch (NoSuchAlgorithmException notInTheJdk) {
            return super.createSecretKeyFactory(algorithm);
        }
    }

    @Override
    public KeyPairGenerator createKeyPairGenerator(String algorithm) throws NoSuchAlgorithmException {
        try {
            return jdk.createKeyPairGenerator(algorithm);
        } catch (NoSuchAlgorithmException notInTheJdk) {
            return super.createKeyPairGenerator(algorithm);
        }
    }

    @Override
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

    @Override
    public Signature createSignature(String algorithm) throws NoSuchAlgorithmException {
        try {
            return jdk.createSignature(algorithm);
        } catch (NoSuchAlgorithmException notInTheJdk) {
            return super.createSignature(algorithm);
        }
    }

    @Override
    public SecureRandom createSecureRandom(String algorithm) throws NoSuchAlgorithmException {
        try {
            return jdk.createSecureRandom(algorithm);
        } catch (NoSuchAlgorithmException notInTheJdk) {
            return super.createSecureRandom(algorithm);
        }
    }

    @Override
    public CertPathBuilder createCertPathBuilder(String algorithm) throws NoSuchAlgorithmException {
        try {
            return jdk.createCertPathBuilder(algorithm);
        } catch (NoSuchAlgorithmException notInTheJdk) {
            return super.createCertPathBuilder(algorithm);
        }
    }

    @Override
    public CertPathValidator createCertPathValidator(String algorithm) throws NoSuchAlgorithmException {
        try {
            return jdk.createCertPathValidator(algorithm);
        } catch (NoSuchAlgorithmException notInTheJdk) {
            return super.createCertPathValidator(algorithm);
        }
    }

    @Override
    public CertStore createCertStore(String type, CertStoreParameters params) throws NoSuchAlgorithmException, InvalidAlgorithmParameterException {
        try {
            return jdk.createCertStore(type, params);
        } catch (NoSuchAlgorithmException notInTheJdk) {
            return super.createCertStore(type, params);
        }
    }

    @Override
    public ExemptionMechanism createExemptionMechanism(String algorithm) throws NoSuchAlgorithmException {
        try {
            return jdk.createExemptionMechanism(algorithm);
        } catch (NoSuchAlgorithmException notInTheJdk) {
            return super.createExemptionMechanism(algorithm);
        }
    }

    @Override
    public CertificateFactory createCertificateFactory(String algorithm)
            throws CertificateException {
        try {
            return jdk.createCertificateFactory(algorithm);
        } catch (CertificateException notInTheJdk) {
            return super.createCertificateFactory(algorithm);
        }
    }

    @Override
    public KeyStore createKeyStore(String type) throws KeyStoreException {
        try {
            return jdk.createKeyStore(type);
        } catch (KeyStoreException notInTheJdk) {
            return super.createKeyStore(type);
        }
    }
}
