package io.pqws.cluster.hazelcast;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Outside Payara there is no grid at {@value PayaraGrid#JNDI_NAME}: choosing the Hazelcast engine then fails with the
 * reason and the way out. (On Payara Micro, {@code ScaleOutIT} is the positive control, and shows the same message
 * failing a deployment on a Payara Micro without its grid.)
 */
class PayaraGridTest {

    @Test
    void withoutTheContainersGridTheEngineRefusesToStartAndSaysWhy() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PayaraGrid.fanOut(Map.of()));
        assertTrue(e.getMessage().startsWith("pqws.fanout=hazelcast, but this container has no Hazelcast data grid at "
                + "JNDI name payara/Hazelcast"), e.getMessage());
        assertTrue(e.getMessage().contains("use pqws.fanout=local there"), e.getMessage());
    }
}
