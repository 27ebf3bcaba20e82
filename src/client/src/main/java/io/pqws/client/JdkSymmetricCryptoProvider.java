package io.pqws.client;

import java.security.Provider;
import java.security.SecureRandom;

import org.bouncycastle.jcajce.util.JcaJceHelper;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * BCJSSE's crypto for our client: symmetric primitives from the JDK, the rest from Bouncy Castle
 * ({@link JdkSymmetricJcaJceHelper}).
 *
 * <p>Why a subclass: {@link JcaTlsCryptoProvider} takes one provider, or the installed ones, not a split; and with a
 * helper of its own it would look for a {@code DEFAULT} SecureRandom in the provider of SHA-512, the JDK's SUN,
 * which has none, so the JVM's default {@link SecureRandom} is supplied instead.
 */
final class JdkSymmetricCryptoProvider extends JcaTlsCryptoProvider {

    private final JcaJceHelper helper;

    JdkSymmetricCryptoProvider(Provider bouncyCastle) {
        this.helper = new JdkSymmetricJcaJceHelper(bouncyCastle);
    }

    @Override
    public JcaJceHelper getHelper() {
        return helper;
    }

    @Override
    public JcaTlsCrypto create(SecureRandom random) {
        return super.create(random != null ? random : new SecureRandom());
    }
}
