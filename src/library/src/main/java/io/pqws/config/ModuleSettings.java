package io.pqws.config;

import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;

/**
 * Loads {@link PqwsSettings} once from the container JVM's system properties and makes them injectable.
 *
 * <p>Why system properties: every Jakarta EE container has a documented way to set them (Payara Micro
 * {@code --systemproperties FILE}, Payara Server {@code create-system-properties}, WildFly
 * {@code <system-properties>}), and they need no API beyond the JDK. Why at startup: observing the application
 * scope's initialisation makes a bad value fail the deployment with its message instead of the first connection.
 */
@ApplicationScoped
public class ModuleSettings {

    private static final Logger LOG = Logger.getLogger(ModuleSettings.class.getName());

    private PqwsSettings settings;

    @PostConstruct
    void load() {
        Map<String, String> properties = new HashMap<>();
        System.getProperties().forEach((key, value) -> {
            if (key instanceof String name && name.startsWith("pqws.") && value instanceof String text) {
                properties.put(name, text);
            }
        });
        settings = PqwsSettings.from(properties);
    }

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        PqwsSettings loaded = settings();
        LOG.info(() -> "pqws: messaging settings in effect: " + loaded);
    }

    @Produces
    public PqwsSettings settings() {
        return settings;
    }
}
