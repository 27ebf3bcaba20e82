package io.pqws.profile;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.Signature;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;

/**
 * Runs in a JVM started by {@link ProfileProvidersTest} with a shipped profile's {@code java.security} overlay and
 * prints which provider answers each algorithm a handshake uses, as {@code name=provider} lines.
 */
public final class ProfileProvidersMain {

    private ProfileProvidersMain() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("ecdsaRaw=" + Signature.getInstance("NONEwithECDSA").getProvider().getName());
        System.out.println("ecdsaSha256=" + Signature.getInstance("SHA256withECDSA").getProvider().getName());
        System.out.println("x25519Agreement=" + KeyAgreement.getInstance("X25519").getProvider().getName());
        System.out.println("x25519Generator=" + KeyPairGenerator.getInstance("X25519").getProvider().getName());
        System.out.println("x25519Factory=" + KeyFactory.getInstance("X25519").getProvider().getName());
        System.out.println("aesGcm=" + Cipher.getInstance("AES/GCM/NoPadding").getProvider().getName());
        System.out.println("hmac=" + Mac.getInstance("HmacSHA256").getProvider().getName());
        System.out.println("sha256=" + MessageDigest.getInstance("SHA-256").getProvider().getName());
        System.out.println("pkcs12=" + KeyStore.getInstance("PKCS12").getProvider().getName());
        System.out.println("rsaSignature=" + Signature.getInstance("SHA256withRSA").getProvider().getName());
    }
}
