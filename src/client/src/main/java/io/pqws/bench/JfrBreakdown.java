package io.pqws.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a server's CPU went, from the execution samples of a JFR recording: each sample goes to the category of the
 * first frame, from the running one towards the thread's start, that belongs to a known category; frames of the JDK's
 * generic classes (collections, locks, reflection) are passed over so that their time counts for whoever called them.
 *
 * <p>Why categories and not a flame graph: the report must say, in one table that can be compared before and after a
 * change, how much goes to TLS record protection, WebSocket framing, JSON, the module's own rooms and outboxes, and
 * the rest: the breakdown issue 11 asks for.
 */
final class JfrBreakdown {

    /** Categories in the order they are tried on each frame; the first whose prefix matches wins. */
    private static final Map<String, List<String>> CATEGORIES = categories();
    private static final List<String> GENERIC_JDK = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");
    static final String UNATTRIBUTED = "JDK only (no known caller in the sample)";

    private JfrBreakdown() {
    }

    private static Map<String, List<String>> categories() {
        Map<String, List<String>> categories = new LinkedHashMap<>();
        categories.put("TLS record protection (BCJSSE, JCA)", List.of("org.bouncycastle.", "sun.security.ssl.",
                "com.sun.crypto.", "javax.crypto.", "sun.security.provider."));
        categories.put("class path scans (ServiceLoader, zip)", List.of("java.util.ServiceLoader",
                "java.util.zip.", "java.util.jar.", "jdk.internal.loader.", "org.glassfish.web.loader.",
                "com.sun.enterprise.loader."));
        categories.put("managed executors (context capture, tasks)", List.of("org.glassfish.enterprise.concurrent.",
                "org.glassfish.concurrent.", "java.util.concurrent.ScheduledThreadPoolExecutor"));
        categories.put("logging", List.of("java.util.logging.", "com.sun.enterprise.server.logging.",
                "fish.payara.logging."));
        categories.put("socket I/O (NIO, syscalls)", List.of("sun.nio.ch.", "java.nio.channels."));
        categories.put("JSON (JSON-B, JSON-P)", List.of("org.eclipse.yasson.", "org.eclipse.parsson.",
                "org.glassfish.json.", "jakarta.json."));
        categories.put("pqws rooms, notifications, outbox", List.of("io.pqws.messaging.", "io.pqws.cluster."));
        categories.put("pqws metrics", List.of("io.pqws.metrics."));
        categories.put("benchmark baseline endpoints", List.of("io.pqws.bench.baseline."));
        categories.put("pqws, other (limits, TLS facts, container)", List.of("io.pqws."));
        categories.put("Tyrus (WebSocket framing, sessions)", List.of("org.glassfish.tyrus."));
        categories.put("Grizzly (HTTP, TLS filter, I/O)", List.of("org.glassfish.grizzly."));
        categories.put("CDI, naming, other container code", List.of("org.jboss.weld.", "com.sun.enterprise.",
                "org.glassfish.", "fish.payara."));
        return categories;
    }

    /** Counts the execution samples of the recordings by category, largest first. */
    static Map<String, Long> of(List<Path> recordings) throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Path recording : recordings) {
            for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
                if (event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    counts.merge(category(event.getStackTrace()), 1L, Long::sum);
                }
            }
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return sorted;
    }

    /** The counts with every category under {@code share} of the total folded into one last row. */
    static Map<String, Long> folded(Map<String, Long> counts, double share) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> folded = new LinkedHashMap<>();
        long small = 0;
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            if (entry.getValue() >= share * total) {
                folded.put(entry.getKey(), entry.getValue());
            } else {
                small += entry.getValue();
            }
        }
        if (small > 0) {
            folded.put(String.format(Locale.ROOT, "everything else (each under %.0f %%)", share * 100), small);
        }
        return folded;
    }

    /** The category of one sample. */
    static String category(RecordedStackTrace stack) {
        if (stack == null) {
            return UNATTRIBUTED;
        }
        for (RecordedFrame frame : stack.getFrames()) {
            if (!frame.isJavaFrame() || frame.getMethod() == null) {
                continue;
            }
            String type = frame.getMethod().getType().getName();
            String method = type + "." + frame.getMethod().getName();
            for (Map.Entry<String, List<String>> category : CATEGORIES.entrySet()) {
                if (category.getValue().stream().anyMatch(method::startsWith)) {
                    return category.getKey();
                }
            }
            if (GENERIC_JDK.stream().noneMatch(type::startsWith)) {
                return "other: " + type.substring(0, Math.max(0, type.lastIndexOf('.')));
            }
        }
        return UNATTRIBUTED;
    }
}
