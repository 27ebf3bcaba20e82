package io.pqws.cluster;

import java.util.Map;
import java.util.logging.Logger;

import io.pqws.cluster.hazelcast.PayaraGrid;
import io.pqws.cluster.jms.JmsTopic;
import io.pqws.config.FanOutEngine;
import io.pqws.config.PqwsSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/**
 * Starts the fan-out engine {@code pqws.fanout} names, once, when the module starts, and makes it injectable.
 *
 * <p>Why here and eagerly: a chosen engine the container does not have (Hazelcast on WildFly, a broker on Payara
 * Micro) must fail the deployment with the reason, not the first chat message; and the Hazelcast and Jakarta Messaging
 * classes are loaded only when their engine is chosen ({@code io.pqws.cluster.hazelcast} and
 * {@code io.pqws.cluster.jms} are each reached through one static call), so the same WAR deploys on containers
 * without them.
 */
@ApplicationScoped
public class FanOuts {

    /** The log of every notification and subscription change. */
    public static final String NOTIFICATION_LOG = "notifications";
    /** How many notification-log entries the Hazelcast engine keeps for instances that start later. */
    public static final int NOTIFICATION_LOG_CAPACITY = 10_000;
    /**
     * How many entries the Hazelcast engine keeps per chat room, at least: an instance that falls further behind a
     * room than this loses messages (logged), so it is larger than the history a joining member gets.
     */
    public static final int CHAT_LOG_MIN_CAPACITY = 1_000;

    private static final Logger LOG = Logger.getLogger(FanOuts.class.getName());

    @Inject
    private PqwsSettings settings;

    private FanOut fanOut;

    /** The log of a chat room. */
    public static String chatLog(String room) {
        return "chat." + room;
    }

    @PostConstruct
    void start() {
        try {
            fanOut = engine();
        } catch (IllegalStateException unusable) {
            // The deployment fails with it, but Payara's log of that failure need not carry its cause (since the
            // library became a jar under WEB-INF/lib, it does not): the reason is logged here, once, in one line.
            LOG.severe(unusable.getMessage());
            throw unusable;
        }
        LOG.info(() -> "pqws: fan-out engine " + fanOut.engine() + " (run " + fanOut.run() + ")");
    }

    private FanOut engine() {
        if (settings.fanOut() == FanOutEngine.HAZELCAST) {
            return PayaraGrid.fanOut(Map.of(
                    chatLog("*"), Math.max(CHAT_LOG_MIN_CAPACITY, settings.chat().history()),
                    NOTIFICATION_LOG, NOTIFICATION_LOG_CAPACITY));
        }
        return settings.fanOut() == FanOutEngine.JMS ? jms() : new LocalFanOut();
    }

    /** The {@code jms} engine; a container without the Jakarta Messaging API fails here with the reason. */
    private FanOut jms() {
        try {
            return JmsTopic.fanOut(settings.jms());
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("pqws.fanout=jms, but this container has no Jakarta Messaging API ("
                    + e.getMessage() + "): use a container with a broker, or pqws.fanout=local", e);
        }
    }

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        fanOut();
    }

    @PreDestroy
    void stop() {
        fanOut.close();
    }

    @Produces
    public FanOut fanOut() {
        return fanOut;
    }
}
