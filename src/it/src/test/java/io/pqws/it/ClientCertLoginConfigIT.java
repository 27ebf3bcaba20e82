package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Why the module does not use the servlet {@code CLIENT-CERT} login, kept as a test that fails once Payara changes:
 * a plain {@code CLIENT-CERT} web application (no pqws code) on the same Payara Micro, TLS listener and
 * {@code client-auth=want} answers a request that carries no client certificate <em>not at all</em> within 10 s.
 * (Payara asks Grizzly for the certificate with a forced TLS renegotiation, which TLS 1.3 does not have; after 30 s
 * the connection is dropped without an HTTP answer.) {@link AuthenticationIT} shows the module's own mechanism
 * answering the same situation with 401 at once.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClientCertLoginConfigIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.create(WebArchive.class, PqwsServer.CONTEXT + ".war")
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
    void withACertificateTheClientCertLoginAnswers_positiveControl() throws Exception {
        assertEquals(200, get("alice", "secret/hello.txt").statusCode());
        assertEquals(200, get(null, "open.txt").statusCode(), "an unprotected page needs no certificate");
    }

    @Test
    void withoutACertificateTheProtectedRequestGetsNoAnswerWithinTenSeconds() {
        assertThrows(HttpTimeoutException.class, () -> get(null, "secret/hello.txt"));
    }

    private static HttpResponse<String> get(String userOrNull, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(PqwsServer.https(path)).timeout(Duration.ofSeconds(10)).build();
        return Users.https(userOrNull).send(request, HttpResponse.BodyHandlers.ofString());
    }
}
