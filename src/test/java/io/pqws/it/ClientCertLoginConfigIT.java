package io.pqws.it;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClientCertLoginConfigIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.create(WebArchive.class, "pqws.war")
                .addAsWebResource(new StringAsset("open\n"), "open.txt")
                .addAsWebResource(new StringAsset("secret\n"), "secret/hello.txt")
                .setWebXML(new StringAsset("""
                        <?xml version="1.0" encoding="UTF-8"?>
                        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                          <security-constraint>
                            <web-resource-collection>
                              <web-resource-name>secret</web-resource-name>
                              <url-pattern>/secret/*</url-pattern>
                            </web-resource-collection>
                            <auth-constraint><role-name>**</role-name></auth-constraint>
                          </security-constraint>
                          <login-config><auth-method>CLIENT-CERT</auth-method></login-config>
                        </web-app>
                        """));
    }

    @Test
    void probe() throws Exception {
        for (String who : new String[] {"alice", null}) {
            for (String path : new String[] {"open.txt", "secret/hello.txt"}) {
                HttpClient http = HttpClient.newBuilder().sslContext(context(who)).build();
                long start = System.nanoTime();
                CompletableFuture<HttpResponse<String>> f = http.sendAsync(
                        HttpRequest.newBuilder(PqwsServer.https(path)).build(), HttpResponse.BodyHandlers.ofString());
                String outcome;
                try {
                    HttpResponse<String> r = f.get(45, TimeUnit.SECONDS);
                    outcome = r.statusCode() + " " + r.version();
                } catch (Exception e) {
                    outcome = e.toString();
                }
                System.out.printf("PROBE cert=%s path=%s -> %s after %d ms%n", who, path, outcome,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            }
        }
    }

    private static SSLContext context(String who) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
        trust.init(PqwsServer.trustStore());
        KeyManagerFactory keys = null;
        if (who != null) {
            KeyStore store = PqwsServer.clientCertificate(who).keyStore();
            keys = KeyManagerFactory.getInstance("PKIX");
            keys.init(store, PqwsServer.STORE_PASSWORD);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }
}
