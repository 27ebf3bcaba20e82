package io.pqws.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The module settings the benchmark's containers run with: the development file
 * ({@code server-config/payara-micro/pqws.properties}) with the abuse limits raised, because the default of 20
 * messages per second per session would throttle the echo case to a measurement of the rate limiter. Only the
 * limits change (and the room size, for the 1,000-member fan-out room of case 5); origin checks, authentication
 * and message sizes stay as shipped.
 */
final class BenchSettings {

    /** The raised limits: the largest values the settings validation accepts for rate and burst. */
    static final Map<String, String> LIMITS = Map.of(
            "pqws.limits.messages-per-second", "10000",
            "pqws.limits.burst", "100000",
            "pqws.limits.sessions-per-user", "1000",
            "pqws.chat.max-members", "1000");

    static final String ORIGINS = "pqws.origins.allowed";

    private BenchSettings() {
    }

    /** The raised limits as {@code key=value, ...}, sorted, for notes in the report. */
    static String describe() {
        return LIMITS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(limit -> limit.getKey() + "=" + limit.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * Writes the settings file under {@code root/target/bench} and returns its path.
     *
     * @param proxyHttpsPort the port nginx will listen on: pages behind it are allowed origins (Tyrus' client sends
     *                       an {@code Origin}, and behind a proxy it is not "self" for the container), or -1 for none
     */
    static Path write(Path root, int proxyHttpsPort) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# Written by pqws-client bench: the development settings with the abuse limits raised.");
        for (String line : Files.readAllLines(root.resolve("server-config/payara-micro/pqws.properties"),
                StandardCharsets.UTF_8)) {
            String key = line.contains("=") ? line.substring(0, line.indexOf('=')).strip() : "";
            if (!LIMITS.containsKey(key) && !(proxyHttpsPort > 0 && key.equals(ORIGINS))) {
                lines.add(line);
            }
        }
        LIMITS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(limit -> lines.add(limit.getKey() + "=" + limit.getValue()));
        if (proxyHttpsPort > 0) {
            lines.add(ORIGINS + "=self,https://localhost:" + proxyHttpsPort + ",https://127.0.0.1:" + proxyHttpsPort);
        }
        Path file = root.resolve("target/bench/bench-pqws.properties");
        Files.createDirectories(file.getParent());
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }
}
