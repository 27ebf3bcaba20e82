package io.pqws.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sample portal alone on Payara Micro under the PQ profile: a WAR that is not pqws gets, from the pqws library in
 * its {@code WEB-INF/lib}, each session's negotiated group, the origin check, the limits, notifications and metrics
 * ({@link SamplePortal}). {@code SamplePortalBesidePqwsIT} deploys it beside {@code pqws.war}; {@code WildFlyIT}
 * does both on WildFly.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SamplePortalIT {

    private final SamplePortal portal = new SamplePortal(PqwsServer.httpsPort());

    @Deployment(testable = false)
    static WebArchive war() {
        return SamplePortal.builtWar();
    }

    @Test
    void itsEndpointReportsEachSessionsNegotiatedGroup() throws Exception {
        portal.deskReportsEachSessionsGroup();
    }

    @Test
    void theLibrarysOriginCheckGuardsItsEndpoint() throws Exception {
        portal.deskRefusesAForeignOrigin();
    }

    @Test
    void theLibrarysLimitsGuardItsEndpoint() throws Exception {
        portal.deskClosesAnOversizedMessageWith1009();
    }

    @Test
    void itsOwnBeanNotifiesItsSignedInUsersThroughTheLibrary() throws Exception {
        portal.shiftBoardNotifiesTheStaff();
    }

    @Test
    void itsOwnMetricsCountItsEndpoint() throws Exception {
        portal.metricsCountTheDeskOnly();
    }
}
