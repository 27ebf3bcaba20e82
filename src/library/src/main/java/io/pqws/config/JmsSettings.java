package io.pqws.config;

/**
 * Where the {@code jms} fan-out engine finds the container's broker: JNDI names, read only when
 * {@code pqws.fanout=jms}.
 *
 * <p>Why names, not injected resources: the module must deploy on containers without a broker (Payara Micro,
 * WildFly's {@code standalone.xml}), so nothing resolves them unless that engine is chosen.
 *
 * @param connectionFactory the JNDI name of a {@code jakarta.jms.ConnectionFactory}
 * @param topic             the JNDI name of the {@code jakarta.jms.Topic} every instance shares
 */
public record JmsSettings(String connectionFactory, String topic) {
}
