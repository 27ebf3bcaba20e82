package io.pqws.certs;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Certificates and unencrypted PKCS#8 private keys as PEM text, written and read back.
 *
 * <p>Why PEM as well as PKCS#12: OpenSSL-based peers (s_server, s_client, curl, nginx) take a certificate file and a
 * key file, while JVMs take the PKCS#12 stores. The keys are unencrypted because they are development keys; the
 * files are readable by their owner only.
 */
final class Pem {

    private static final byte[] NEWLINE = {'\n'};

    private Pem() {
    }

    static byte[] encode(X509Certificate certificate) throws CertificateEncodingException {
        return encode("CERTIFICATE", certificate.getEncoded());
    }

    /** The key in PKCS#8 form ({@code BEGIN PRIVATE KEY}), which OpenSSL reads for every key type. */
    static byte[] encode(PrivateKey key) {
        return encode("PRIVATE KEY", key.getEncoded());
    }

    static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    static PrivateKey readPrivateKey(Path file, Provider provider) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            if (parser.readObject() instanceof PrivateKeyInfo key) {
                return new JcaPEMKeyConverter().setProvider(provider).getPrivateKey(key);
            }
            throw new IOException(file + ": not a PKCS#8 private key");
        }
    }

    private static byte[] encode(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, NEWLINE).encodeToString(der);
        String pem = "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
        return pem.getBytes(StandardCharsets.US_ASCII);
    }
}
