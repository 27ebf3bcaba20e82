package io.pqws.client;

import java.security.Provider;
import java.security.SecureRandom;

import org.bouncycastle.jcajce.util.JcaJceHelper;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * BCJSSE's crypto for our client: algorithms from the JDK first, Bouncy Castle for the rest
 * ({@link JdkFirstJcaJceHelper}).
 *
 * <p>Why a subclass: {@link JcaTlsCryptoProvider} can use one provider, or the installed ones, but not "installed,
 * then this one"; and with a helper of its own it would look for a {@code DEFAULT} SecureRandom in the JDK's SUN
 * provider, which has none, so the JVM's default {@link SecureRandom} is supplied instead.
 */
final class JdkFirstCryptoProvider extends JcaTlsCryptoProvider {

    private final JcaJceHelper helper;

    JdkFirstCryptoProvider(Provider fallback) {
        this.helper = new JdkFirstJcaJceHelper(fallback);
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
