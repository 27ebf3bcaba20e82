package io.pqws.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pqws.config.PqwsSettings;

/** The benchmark's container settings pass the module's own validation, with only the limits and origins changed. */
class BenchSettingsTest {

    private static final Path BASEDIR = Path.of(System.getProperty("pqws.basedir", "."));

    @TempDir
    Path root;

    private Map<String, String> written(int proxyPort) throws Exception {
        Path dev = root.resolve("server-config/payara-micro/pqws.properties");
        Files.createDirectories(dev.getParent());
        Files.copy(BASEDIR.resolve("server-config/payara-micro/pqws.properties"), dev);
        Path file = BenchSettings.write(root, proxyPort);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> map.put(key, properties.getProperty(key)));
        return map;
    }

    @Test
    void theRaisedLimitsAreAcceptedByTheModule() throws Exception {
        Map<String, String> settings = written(-1);
        PqwsSettings parsed = PqwsSettings.from(settings);
        assertEquals(10_000, parsed.limits().messagesPerSecond());
        assertEquals(100_000, parsed.limits().burst());
        assertEquals("CN=alice,O=pqws dev", settings.get("pqws.roles.pqws-publisher"), "the dev settings are kept");
        assertFalse(settings.containsKey(BenchSettings.ORIGINS), "without a proxy the origins stay the default");
    }

    @Test
    void pagesBehindTheProxyAreAllowedOrigins() throws Exception {
        Map<String, String> settings = written(8443);
        PqwsSettings parsed = PqwsSettings.from(settings);
        assertTrue(parsed.access().allowSameOrigin());
        assertEquals(2, parsed.access().allowedOrigins().size(), parsed.access().allowedOrigins().toString());
    }
}
