package io.pqws.bench;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;

/**
 * Writes a {@link BenchReport} as {@code results.md} (tables a person reads, pasted into BENCHMARKS.md),
 * {@code results.json} (every round's value, for scripts and for comparing runs) and PNG charts ({@link Charts}).
 *
 * <p>Why the Markdown repeats the machine and its load: figures from a shared 2-core machine mean little without
 * them, and a table copied without its context would be misread.
 */
public final class ReportWriter {

    /** Latency percentiles reported in tables, JSON and charts. */
    static final double[] PERCENTILES = {50, 90, 99, 99.9};

    private ReportWriter() {
    }

    /** Writes the three kinds of files into {@code dir} (created if missing) and returns their paths. */
    public static List<Path> write(BenchReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        Path markdown = dir.resolve("results.md");
        Files.writeString(markdown, markdown(report), StandardCharsets.UTF_8);
        written.add(markdown);
        Path json = dir.resolve("results.json");
        Files.writeString(json, json(report), StandardCharsets.UTF_8);
        written.add(json);
        written.addAll(Charts.write(report, dir));
        return written;
    }

    /** The report as Markdown: the machine, then per section a table of measurements and a table of ratios. */
    public static String markdown(BenchReport report) {
        StringBuilder md = new StringBuilder();
        BenchReport.Machine m = report.machine();
        md.append("## Run of ").append(report.started()).append(" (").append(report.mode()).append(" mode, took ")
                .append(report.took().toSeconds()).append(" s)\n\n");
        md.append("| machine | |\n|---|---|\n");
        md.append("| CPUs | ").append(m.cpus()).append(" |\n");
        md.append("| memory | ").append(cell(m.memory())).append(" |\n");
        md.append("| JDK | ").append(cell(m.jdk())).append(" |\n");
        md.append("| OS | ").append(cell(m.os())).append(" |\n");
        md.append("| load average before (1, 5, 15 min) | ").append(cell(m.loadBefore())).append(" |\n");
        md.append("| load average after | ").append(cell(report.loadAfter())).append(" |\n\n");
        for (Section section : report.sections()) {
            md.append("### ").append(section.title()).append("\n\n");
            if (!section.series().isEmpty()) {
                boolean latencies = section.series().stream().anyMatch(Series::hasLatencies);
                md.append("| measurement | median | min – max | unit | rounds |");
                if (latencies) {
                    md.append(" p50 | p90 | p99 | p99.9 (ms) |");
                }
                md.append(" observed |\n|---|---:|---:|---|---:|");
                if (latencies) {
                    md.append("---:|---:|---:|---:|");
                }
                md.append("---|\n");
                for (Series series : section.series()) {
                    md.append("| ").append(cell(series.name())).append(" | ");
                    if (series.values().isEmpty()) {
                        md.append("– | – | ").append(cell(series.unit())).append(" | 0 |");
                    } else {
                        Summary s = series.summary();
                        md.append(number(s.median())).append(" | ").append(number(s.min())).append(" – ")
                                .append(number(s.max())).append(" | ").append(cell(series.unit())).append(" | ")
                                .append(s.count()).append(" |");
                    }
                    if (latencies) {
                        for (double p : PERCENTILES) {
                            md.append(' ').append(series.hasLatencies()
                                    ? number(series.latencyMicrosAt(p) / 1000.0) : "–").append(" |");
                        }
                    }
                    md.append(' ').append(cell(facts(series))).append(" |\n");
                }
                md.append('\n');
            }
            if (!section.ratios().isEmpty()) {
                md.append("| ratio (per-round pairs) | median | min – max | target | met |\n");
                md.append("|---|---:|---:|---:|---|\n");
                for (Ratio ratio : section.ratios()) {
                    md.append("| ").append(cell(ratio.label())).append(" | ")
                            .append(String.format(Locale.ROOT, "%.3f", ratio.paired().median())).append(" | ")
                            .append(String.format(Locale.ROOT, "%.3f – %.3f", ratio.paired().min(),
                                    ratio.paired().max()))
                            .append(" | ").append(ratio.hasTarget()
                                    ? (ratio.higherIsBetter() ? "≥ " : "≤ ")
                                            + String.format(Locale.ROOT, "%.2f", ratio.target()) : "–")
                            .append(" | ").append(ratio.hasTarget() ? (ratio.meetsTarget() ? "yes" : "**no**") : "–")
                            .append(" |\n");
                }
                md.append('\n');
            }
            for (String note : section.notes()) {
                md.append("- ").append(note).append('\n');
            }
            if (!section.notes().isEmpty()) {
                md.append('\n');
            }
        }
        return md.toString();
    }

    /** The report as JSON: every round's value, the summaries, latency percentiles, facts and ratios. */
    public static String json(BenchReport report) {
        BenchReport.Machine m = report.machine();
        JsonObjectBuilder root = Json.createObjectBuilder()
                .add("started", report.started().toString())
                .add("mode", report.mode())
                .add("seconds", report.took().toSeconds())
                .add("machine", Json.createObjectBuilder()
                        .add("cpus", m.cpus())
                        .add("memory", m.memory())
                        .add("jdk", m.jdk())
                        .add("os", m.os())
                        .add("loadBefore", m.loadBefore())
                        .add("loadAfter", report.loadAfter()));
        JsonArrayBuilder sections = Json.createArrayBuilder();
        for (Section section : report.sections()) {
            JsonArrayBuilder seriesArray = Json.createArrayBuilder();
            for (Series series : section.series()) {
                JsonObjectBuilder s = Json.createObjectBuilder()
                        .add("name", series.name())
                        .add("unit", series.unit());
                JsonArrayBuilder values = Json.createArrayBuilder();
                series.values().forEach(values::add);
                s.add("rounds", values);
                if (!series.values().isEmpty()) {
                    Summary summary = series.summary();
                    s.add("median", summary.median()).add("min", summary.min()).add("max", summary.max());
                }
                if (series.hasLatencies()) {
                    JsonObjectBuilder latency = Json.createObjectBuilder().add("count", series.latencyCount());
                    for (double p : PERCENTILES) {
                        latency.add("p" + percentileKey(p), series.latencyMicrosAt(p));
                    }
                    s.add("latencyMicros", latency);
                }
                JsonObjectBuilder facts = Json.createObjectBuilder();
                for (Map.Entry<String, String> fact : series.orderedFacts()) {
                    facts.add(fact.getKey(), fact.getValue());
                }
                s.add("observed", facts);
                seriesArray.add(s);
            }
            JsonArrayBuilder ratios = Json.createArrayBuilder();
            for (Ratio ratio : section.ratios()) {
                JsonObjectBuilder r = Json.createObjectBuilder()
                        .add("label", ratio.label())
                        .add("numerator", ratio.numerator())
                        .add("denominator", ratio.denominator())
                        .add("median", ratio.paired().median())
                        .add("min", ratio.paired().min())
                        .add("max", ratio.paired().max());
                if (ratio.hasTarget()) {
                    r.add("target", ratio.target()).add("higherIsBetter", ratio.higherIsBetter())
                            .add("met", ratio.meetsTarget());
                }
                ratios.add(r);
            }
            JsonArrayBuilder notes = Json.createArrayBuilder();
            section.notes().forEach(notes::add);
            sections.add(Json.createObjectBuilder()
                    .add("id", section.id())
                    .add("title", section.title())
                    .add("series", seriesArray)
                    .add("ratios", ratios)
                    .add("notes", notes));
        }
        root.add("sections", sections);
        return pretty(root.build());
    }

    /** "99.9" → "99_9", "50" → "50": percentile keys that are valid identifiers in most tools. */
    static String percentileKey(double percentile) {
        String text = percentile == Math.rint(percentile)
                ? Long.toString((long) percentile)
                : Double.toString(percentile);
        return text.replace('.', '_');
    }

    /** Three significant digits at most, no exponent, thousands unseparated (tables stay sortable). */
    static String number(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (magnitude >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String facts(Series series) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> fact : series.orderedFacts()) {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(fact.getKey()).append(' ').append(fact.getValue());
        }
        return text.toString();
    }

    /** A table cell: pipes escaped, line breaks flattened. */
    static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace('\n', ' ');
    }

    private static String pretty(JsonObject json) {
        JsonWriterFactory factory = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
        Writer out = new StringWriter();
        try (JsonWriter writer = factory.createWriter(out)) {
            writer.writeObject(json);
        }
        return out.toString().strip() + "\n";
    }
}
