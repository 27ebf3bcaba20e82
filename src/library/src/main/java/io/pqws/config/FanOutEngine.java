package io.pqws.config;

import java.util.Locale;

/**
 * The engine that carries chat rooms and notifications between the instances of a cluster ({@code pqws.fanout}).
 *
 * <p>Why a closed list: the engine decides what survives the loss of an instance and which numbering a client can
 * rely on, so an unknown value must fail the deployment rather than quietly run single-instance.
 */
public enum FanOutEngine {
    /** One instance: everything in this JVM's memory (the default). */
    LOCAL,
    /** The container's own Hazelcast data grid (Payara's built-in one), shared by every instance of the cluster. */
    HAZELCAST,
    /**
     * A Jakarta Messaging topic of the container's broker (WildFly's embedded Artemis, Payara Server's OpenMQ): every
     * instance sees every entry, numbered per instance; see {@code docs/scale-out.md} for what that guarantees.
     */
    JMS;

    /** The setting's value for this engine. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
