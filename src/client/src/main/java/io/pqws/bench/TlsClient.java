package io.pqws.bench;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.jsse.BCSSLSocket;

import io.pqws.client.BcTls;
import io.pqws.client.ClientTlsSettings;

/**
 * The client side of a handshake benchmark: our BCJSSE client exactly as {@code pqws-client} configures it
 * ({@link BcTls}), or the JDK's SunJSSE, the client most Java applications have today. One context per client, so
 * session caches behave as in a long-running application.
 */
final class TlsClient {

    private final String name;
    private final SSLContext context;
    private final ClientTlsSettings bcSettings;

    private TlsClient(String name, SSLContext context, ClientTlsSettings bcSettings) {
        this.name = name;
        this.context = context;
        this.bcSettings = bcSettings;
    }

    /** Our client with these settings (groups, key shares), hostname verification off: hosts vary per connection. */
    static TlsClient bc(String name, ClientTlsSettings settings) throws GeneralSecurityException {
        ClientTlsSettings unverified = settings.withHostnameVerification(false);
        return new TlsClient(name, BcTls.clientContext(unverified), unverified);
    }

    /** The JDK's own client (SunJSSE, its default groups: x25519 first), trusting {@code trust}. */
    static TlsClient jdk(String name, KeyStore trust) throws GeneralSecurityException {
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX", "SunJSSE");
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS", "SunJSSE");
        context.init(null, trustManagers.getTrustManagers(), null);
        return new TlsClient(name, context, null);
    }

    String name() {
        return name;
    }

    /**
     * A client TLS socket over the connected {@code tcp} socket, not yet handshaken. {@code host} goes into SNI and is
     * the key of the client's session cache: the same host lets a client resume, a fresh one forces a full handshake.
     */
    SSLSocket layer(TappedSocket tcp, String host, int port) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(tcp, host, port, true);
        socket.setUseClientMode(true);
        if (bcSettings != null) {
            BCSSLSocket bc = (BCSSLSocket) socket;
            BCSSLParameters parameters = bc.getParameters();
            BcTls.configure(parameters, bcSettings);
            bc.setParameters(parameters);
        }
        return socket;
    }
}
