package io.pqws.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    private static BenchReport sample() {
        BenchReport report = new BenchReport(new BenchReport.Machine(2, "23 GiB", "Debian 17.0.15", "Linux 6 amd64",
                "1.50 1.40 1.30"), "quick", Instant.parse("2026-11-25T08:00:00Z"));
        Section handshakes = report.section("handshake", "Full TLS 1.3 handshakes | Payara Micro");
        Series hybrid = handshakes.series("BC hybrid → Payara hybrid", "handshakes/s");
        Series classic = handshakes.series("BC classic → Payara classic", "handshakes/s");
        for (double v : new double[] {180, 200, 190}) {
            hybrid.add(v);
            classic.add(v + 20);
        }
        for (int micros = 1_000; micros <= 100_000; micros += 1_000) {
            hybrid.recordLatencyMicros(micros);
        }
        hybrid.fact("group", "X25519MLKEM768");
        hybrid.fact("HelloRetryRequests", "0");
        handshakes.ratio(Ratio.of("hybrid / classic", hybrid, classic, 0.90, true));
        handshakes.note("Interleaved rounds.");
        report.finish("1.60 1.45 1.31", Duration.ofSeconds(61));
        return report;
    }

    @Test
    void markdownHasTheMachineTheFiguresAndTheRatioVerdict() {
        String md = ReportWriter.markdown(sample());
        assertTrue(md.contains("| load average before (1, 5, 15 min) | 1.50 1.40 1.30 |"), md);
        assertTrue(md.contains("| load average after | 1.60 1.45 1.31 |"), md);
        assertTrue(md.contains("### Full TLS 1.3 handshakes | Payara Micro"), md);
        assertTrue(md.contains("| BC hybrid → Payara hybrid | 190 | 180 – 200 | handshakes/s | 3 | 50.0 | 90.0 | 99.0 | 100 |"
                + " group X25519MLKEM768, HelloRetryRequests 0 |"), md);
        assertTrue(md.contains("| BC classic → Payara classic | 210 | 200 – 220 | handshakes/s | 3 | – | – | – | – |  |"),
                md);
        // per-round ratios 180/200, 200/220, 190/210 = 0.900, 0.909, 0.905
        assertTrue(md.contains("| hybrid / classic | 0.905 | 0.900 – 0.909 | ≥ 0.90 | yes |"), md);
        assertTrue(md.contains("- Interleaved rounds."), md);
        assertTrue(md.contains("(quick mode, took 61 s)"), md);
    }

    @Test
    void jsonKeepsEveryRoundAndThePercentiles() {
        JsonObject json;
        try (JsonReader reader = Json.createReader(new StringReader(ReportWriter.json(sample())))) {
            json = reader.readObject();
        }
        assertEquals("quick", json.getString("mode"));
        assertEquals("1.60 1.45 1.31", json.getJsonObject("machine").getString("loadAfter"));
        JsonObject section = json.getJsonArray("sections").getJsonObject(0);
        assertEquals("handshake", section.getString("id"));
        JsonObject hybrid = section.getJsonArray("series").getJsonObject(0);
        assertEquals(List.of(180.0, 200.0, 190.0), hybrid.getJsonArray("rounds").stream()
                .map(v -> ((jakarta.json.JsonNumber) v).doubleValue()).toList());
        assertEquals(190.0, hybrid.getJsonNumber("median").doubleValue());
        JsonObject latency = hybrid.getJsonObject("latencyMicros");
        assertEquals(100, latency.getInt("count"));
        assertTrue(Math.abs(latency.getJsonNumber("p99").longValue() - 99_000) <= 100, latency.toString());
        assertTrue(latency.containsKey("p99_9"), latency.toString());
        assertEquals("X25519MLKEM768", hybrid.getJsonObject("observed").getString("group"));
        JsonObject ratio = section.getJsonArray("ratios").getJsonObject(0);
        assertEquals(0.905, ratio.getJsonNumber("median").doubleValue(), 0.001);
        assertTrue(ratio.getBoolean("met"));
    }

    @Test
    void writesMarkdownJsonAndReadablePngCharts(@TempDir Path dir) throws Exception {
        List<Path> files = ReportWriter.write(sample(), dir);
        assertEquals(List.of(dir.resolve("results.md"), dir.resolve("results.json"), dir.resolve("handshake.png"),
                dir.resolve("handshake-latency.png")), files);
        for (Path png : files.subList(2, 4)) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertEquals(1000, image.getWidth(), png + " is a real PNG of the chart's size");
            assertEquals(560, image.getHeight());
        }
        assertTrue(Files.readString(dir.resolve("results.md")).startsWith("## Run of 2026-11-25T08:00:00Z"));
    }

    @Test
    void numbersKeepAboutThreeSignificantDigits() {
        assertEquals("1234", ReportWriter.number(1234.4));
        assertEquals("12.3", ReportWriter.number(12.34));
        assertEquals("1.23", ReportWriter.number(1.234));
        assertEquals("0.123", ReportWriter.number(0.1234));
        assertEquals("7", ReportWriter.number(7.0));
        assertEquals("99_9", ReportWriter.percentileKey(99.9));
        assertEquals("50", ReportWriter.percentileKey(50));
    }
}
