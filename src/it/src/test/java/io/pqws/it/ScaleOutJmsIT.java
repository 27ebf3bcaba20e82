package io.pqws.it;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * {@code pqws.fanout=jms} on a container without a broker: a real Payara Micro (which ships the {@code jakarta.jms}
 * API but no broker) with the hybrid PQ profile fails to deploy the built WAR and logs which JNDI name and setting to
 * fix, rather than running alone with {@code local}. The engine itself runs on a real broker in {@code JmsFanOutTest};
 * the instances of {@code ScaleOutIT}, same WAR, are the positive control for the deployment.
 */
class ScaleOutJmsIT {

    @Test
    void withoutABrokerTheModuleFailsToDeployAndNamesTheSetting() throws Exception {
        Path settings = Path.of(System.getProperty("pqws.it.resources"), "pqws-it-scale-out-jms.properties");
        try (ClusterInstance lonely = ClusterInstance.startWithoutGrid("scale-out-no-broker", settings)) {
            lonely.assertModuleRefused("pqws.fanout=jms, but JNDI name java:/ConnectionFactory "
                    + "(pqws.fanout.jms.connection-factory) does not resolve in this container");
        }
    }
}
