package io.pqws.jsse;

import java.util.LinkedHashMap;
import java.util.Map;

/** Sets system properties for one scope and puts the previous values (or their absence) back on close. */
final class SystemProperties implements AutoCloseable {

    private final Map<String, String> previous = new LinkedHashMap<>();

    /** @param keyValues name, value, name, value, ...; a {@code null} value clears the property */
    static SystemProperties set(String... keyValues) {
        return new SystemProperties().and(keyValues);
    }

    /** Sets more properties in this scope; {@link #close()} restores them too. */
    SystemProperties and(String... keyValues) {
        for (int i = 0; i < keyValues.length; i += 2) {
            String key = keyValues[i];
            String value = keyValues[i + 1];
            previous.putIfAbsent(key, System.getProperty(key));
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        }
        return this;
    }

    @Override
    public void close() {
        previous.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }
}
