package io.pqws.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads typed values out of the raw {@code pqws.*} properties, collecting a precise message for every bad one, and
 * remembers which keys were read so that an unknown key (a typo) under a prefix this module owns is reported too.
 *
 * <p>Why: a security setting that is silently ignored or defaulted is worse than none; every value is checked once,
 * here, and {@link #finish()} fails with all problems together.
 */
final class SettingsReader {

    private final Map<String, String> properties;
    private final Set<String> read = new LinkedHashSet<>();
    private final List<String> problems = new ArrayList<>();

    SettingsReader(Map<String, String> properties) {
        this.properties = new TreeMap<>(properties);
    }

    int integer(String key, int defaultValue, int min, int max) {
        String raw = raw(key);
        if (raw == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        problems.add(key + "='" + raw + "' must be a whole number from " + min + " to " + max
                + " (default " + defaultValue + ")");
        return defaultValue;
    }

    boolean bool(String key, boolean defaultValue) {
        String raw = raw(key);
        if (raw == null) {
            return defaultValue;
        }
        String value = raw.strip().toLowerCase(Locale.ROOT);
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        problems.add(key + "='" + raw + "' must be true or false (default " + defaultValue + ")");
        return defaultValue;
    }

    /** One of {@code allowed} (compared without case), or the default. */
    String choice(String key, String defaultValue, List<String> allowed) {
        String raw = raw(key);
        if (raw == null) {
            return defaultValue;
        }
        String value = raw.strip().toLowerCase(Locale.ROOT);
        if (allowed.contains(value)) {
            return value;
        }
        problems.add(key + "='" + raw + "' must be one of " + String.join(", ", allowed) + " (default "
                + defaultValue + ")");
        return defaultValue;
    }

    /**
     * A list separated by {@code separator}, each element converted by {@code parse}, which throws
     * {@link IllegalArgumentException} with the reason for a bad element.
     */
    <T> List<T> list(String key, String defaultValue, String separator, Function<String, T> parse) {
        String raw = raw(key);
        String value = raw == null ? defaultValue : raw;
        List<T> result = new ArrayList<>();
        for (String element : value.split(java.util.regex.Pattern.quote(separator))) {
            if (element.isBlank()) {
                continue;
            }
            try {
                result.add(parse.apply(element.strip()));
            } catch (IllegalArgumentException e) {
                problems.add(key + ": '" + element.strip() + "' " + e.getMessage());
            }
        }
        return result;
    }

    /**
     * The value converted by {@code parse}, which throws {@link IllegalArgumentException} with the reason for a bad
     * value; the default converted the same way when the key is absent.
     */
    <T> T parsed(String key, String defaultValue, Function<String, T> parse) {
        String raw = raw(key);
        if (raw != null) {
            try {
                return parse.apply(raw);
            } catch (IllegalArgumentException e) {
                problems.add(key + ": " + e.getMessage() + " (default " + defaultValue + ")");
            }
        }
        return parse.apply(defaultValue);
    }

    /** The keys present under {@code prefix}, each marked as read. */
    Set<String> keysUnder(String prefix) {
        Set<String> keys = new LinkedHashSet<>();
        for (String key : properties.keySet()) {
            if (key.startsWith(prefix)) {
                keys.add(key);
                read.add(key);
            }
        }
        return keys;
    }

    String value(String key) {
        read.add(key);
        return properties.get(key);
    }

    void problem(String message) {
        problems.add(message);
    }

    /** Fails with every problem found, including keys under {@code ownedPrefixes} that no setting read. */
    void finish(List<String> ownedPrefixes, Set<String> knownKeys) {
        for (String key : properties.keySet()) {
            if (!read.contains(key) && ownedPrefixes.stream().anyMatch(key::startsWith)) {
                problems.add("unknown setting " + key + closest(key, knownKeys));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
    }

    private String raw(String key) {
        read.add(key);
        String raw = properties.get(key);
        if (raw != null && raw.isBlank()) {
            problems.add(key + " is empty; remove it to use the default");
            return null;
        }
        return raw;
    }

    private static String closest(String key, Set<String> knownKeys) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : knownKeys) {
            int distance = distance(key, known);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = known;
            }
        }
        return best != null && bestDistance <= 3 ? " (did you mean " + best + "?)" : "";
    }

    /** Levenshtein distance, for the "did you mean" hint. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
