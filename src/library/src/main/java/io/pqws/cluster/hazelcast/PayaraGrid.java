package io.pqws.cluster.hazelcast;

import java.util.Map;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import com.hazelcast.core.HazelcastInstance;

import io.pqws.cluster.FanOut;

/**
 * Finds the container's own Hazelcast instance: Payara Server and Payara Micro bind it in JNDI at
 * {@value #JNDI_NAME} (their {@code hazelcast-config-specific-configuration}, default name).
 *
 * <p>Why JNDI, not {@code @Inject HazelcastInstance}: an injection point would make every container resolve the type
 * when the module deploys, and WildFly has no Hazelcast; this class is loaded only when {@code pqws.fanout=hazelcast}.
 */
public final class PayaraGrid {

    /** Where Payara binds its data grid. */
    public static final String JNDI_NAME = "payara/Hazelcast";

    private PayaraGrid() {
    }

    /**
     * The engine on the container's grid.
     *
     * @throws IllegalStateException with the reason when the container has no grid there
     */
    public static FanOut fanOut(Map<String, Integer> capacities) {
        Object found;
        try {
            found = InitialContext.doLookup(JNDI_NAME);
        } catch (NamingException e) {
            throw new IllegalStateException("pqws.fanout=hazelcast, but this container has no Hazelcast data grid at "
                    + "JNDI name " + JNDI_NAME + " (Payara Micro and Payara Server have one unless started with "
                    + "--nohazelcast; WildFly has none: use pqws.fanout=local there)", e);
        }
        if (!(found instanceof HazelcastInstance grid)) {
            throw new IllegalStateException("pqws.fanout=hazelcast, but JNDI name " + JNDI_NAME + " holds a "
                    + found.getClass().getName() + ", not a Hazelcast instance");
        }
        return new HazelcastFanOut(grid, capacities);
    }
}
