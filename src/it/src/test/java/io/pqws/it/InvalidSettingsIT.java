package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An invalid setting fails the deployment of the built WAR on a real Payara Micro (container
 * "payara-micro-invalid", {@code pqws-it-invalid.properties}): the server runs, but the module is not there. (The
 * Payara Micro connector does not report a failed deployment, so the test asks the server.) Every other IT deploys
 * the same WAR with valid settings, the positive control; the message itself is checked by {@code PqwsSettingsTest}
 * and shown by {@code run.sh}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class InvalidSettingsIT {

    @Deployment(testable = false)
    @TargetsContainer("payara-micro-invalid")
    static WebArchive war() {
        return PqwsServer.builtWar();
    }

    @Test
    void theServerRunsWithoutTheModule() throws Exception {
        HttpResponse<String> response = Users.https(null).send(
                HttpRequest.newBuilder(PqwsServer.https("api/tls")).timeout(Users.WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, response.statusCode(), "the failed deployment left nothing at /" + PqwsServer.CONTEXT);
    }
}
