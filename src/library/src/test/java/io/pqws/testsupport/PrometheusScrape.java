package io.pqws.testsupport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (0.0.4), for tests: it rejects what a Prometheus server
 * would reject (bad names, bad escapes, samples without {@code TYPE}, a family declared twice) and answers sums of
 * samples by name and label subset.
 */
public final class PrometheusScrape {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final Map<String, String> types;
    private final List<Sample> samples;

    private PrometheusScrape(Map<String, String> types, List<Sample> samples) {
        this.types = types;
        this.samples = samples;
    }

    /** @throws IllegalArgumentException naming the first line that is not valid exposition format */
    public static PrometheusScrape parse(String text) {
        Map<String, String> types = new HashMap<>();
        Map<String, String> helps = new HashMap<>();
        List<Sample> samples = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition must end with a line feed");
        }
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            String where = "line " + (i + 1) + " '" + line + "': ";
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ", 2);
                if (!NAME.matcher(parts[0]).matches() || parts.length < 2) {
                    throw new IllegalArgumentException(where + "bad metric name or missing text");
                }
                Map<String, String> target = line.startsWith("# HELP ") ? helps : types;
                if (target.put(parts[0], parts[1]) != null) {
                    throw new IllegalArgumentException(where + "declared twice");
                }
                if (target == types && !TYPES.contains(parts[1])) {
                    throw new IllegalArgumentException(where + "unknown type");
                }
                continue;
            }
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            samples.add(sample(line, where, types));
        }
        for (String family : types.keySet()) {
            if (!helps.containsKey(family)) {
                throw new IllegalArgumentException("family " + family + " has TYPE but no HELP");
            }
        }
        return new PrometheusScrape(types, samples);
    }

    private static Sample sample(String line, String where, Map<String, String> types) {
        int brace = line.indexOf('{');
        int space = brace < 0 ? line.indexOf(' ') : line.indexOf(' ', line.lastIndexOf('}'));
        if (space < 0) {
            throw new IllegalArgumentException(where + "no value");
        }
        String name = brace < 0 ? line.substring(0, space) : line.substring(0, brace);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(where + "bad metric name");
        }
        if (!types.containsKey(name)) {
            throw new IllegalArgumentException(where + "sample before its # TYPE line");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (brace >= 0) {
            String body = line.substring(brace + 1, line.lastIndexOf('}'));
            Matcher m = LABEL.matcher(body);
            int pos = 0;
            while (pos < body.length()) {
                if (!m.find(pos) || m.start() != pos) {
                    throw new IllegalArgumentException(where + "bad label at offset " + pos);
                }
                String value = m.group(2).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
                if (labels.put(m.group(1), value) != null) {
                    throw new IllegalArgumentException(where + "label " + m.group(1) + " twice");
                }
                pos = m.end();
                if (pos < body.length()) {
                    if (body.charAt(pos) != ',') {
                        throw new IllegalArgumentException(where + "labels must be separated by ','");
                    }
                    pos++;
                }
            }
        }
        String value = line.substring(space + 1).strip();
        double number;
        try {
            number = switch (value) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(value);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + "bad value");
        }
        return new Sample(name, Map.copyOf(labels), number);
    }

    /** The declared type of a family, or null. */
    public String type(String family) {
        return types.get(family);
    }

    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** The sum of the samples of this name whose labels include all the given ones (pairs of name, value). */
    public double sum(String name, String... labelPairs) {
        Map<String, String> wanted = new HashMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            wanted.put(labelPairs[i], labelPairs[i + 1]);
        }
        return samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(wanted.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    /** Whether any sample of this name exists. */
    public boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }
}
