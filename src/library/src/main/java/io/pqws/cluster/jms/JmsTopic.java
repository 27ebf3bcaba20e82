package io.pqws.cluster.jms;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import io.pqws.cluster.FanOut;
import io.pqws.config.JmsSettings;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Topic;

/**
 * Finds the container's broker through the JNDI names of {@link JmsSettings} and starts the {@code jms} engine on it.
 *
 * <p>Why JNDI names, not {@code @Resource}: an injected resource would make every container resolve it when the module
 * deploys, and Payara Micro or WildFly's {@code standalone.xml} have no broker; this class is loaded only when
 * {@code pqws.fanout=jms}. Every failure names the setting to fix: the deployment fails, it never runs {@code local}.
 */
public final class JmsTopic {

    /** The standard thread factory of a Jakarta EE container (Jakarta Concurrency). */
    public static final String THREAD_FACTORY = "java:comp/DefaultManagedThreadFactory";
    /** How often an instance tells the others it is alive; one silent for three is forgotten. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(5);

    private JmsTopic() {
    }

    /**
     * The engine on the topic the settings name.
     *
     * @throws IllegalStateException with the reason when a name does not resolve, names the wrong kind of object, or
     *                               the broker cannot be reached
     */
    public static FanOut fanOut(JmsSettings names) {
        return fanOut(names, InitialContext::doLookup, HEARTBEAT);
    }

    /** What JNDI has at a name: {@link InitialContext#doLookup(String)} in a container. */
    @FunctionalInterface
    interface Naming {
        Object lookup(String name) throws NamingException;
    }

    static JmsFanOut fanOut(JmsSettings names, Naming naming, Duration heartbeat) {
        ConnectionFactory factory = lookup(naming, names.connectionFactory(), ConnectionFactory.class,
                "pqws.fanout.jms.connection-factory");
        Topic topic = lookup(naming, names.topic(), Topic.class, "pqws.fanout.jms.topic");
        ThreadFactory threads = lookup(naming, THREAD_FACTORY, ThreadFactory.class, "the container's default");
        try {
            return new JmsFanOut(factory, topic, threads, heartbeat);
        } catch (JMSRuntimeException e) {
            throw new IllegalStateException("pqws.fanout=jms, but the broker behind " + names.connectionFactory()
                    + " cannot be reached: " + e.getMessage(), e);
        }
    }

    /** The object bound at {@code name}, which must be a {@code type}. */
    private static <T> T lookup(Naming naming, String name, Class<T> type, String setting) {
        Object found;
        try {
            found = naming.lookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException("pqws.fanout=jms, but JNDI name " + name + " (" + setting + ") does not "
                    + "resolve in this container: " + e.getClass().getSimpleName() + " (WildFly: run standalone-full.xml "
                    + "with the topic defined; Payara Micro has no broker: use pqws.fanout=hazelcast there)", e);
        }
        if (!type.isInstance(found)) {
            throw new IllegalStateException("pqws.fanout=jms, but JNDI name " + name + " (" + setting + ") holds a "
                    + (found == null ? "null" : found.getClass().getName()) + ", not a " + type.getName());
        }
        return type.cast(found);
    }
}
