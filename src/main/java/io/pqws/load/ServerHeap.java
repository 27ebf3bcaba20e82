package io.pqws.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap a server JVM on this machine uses after a full GC, read with the JDK's {@code jcmd}
 * ({@code GC.run}, then {@code GC.heap_info}).
 *
 * <p>Why jcmd and not an MXBean over JMX: the servers under test expose no remote JMX, and {@code jcmd} attaches to a
 * local JVM of the same user without any change to the server. It is the JDK's own diagnostic command; parsing its
 * text is the fragile part, so {@link #parseUsedKib} is unit-tested on the formats of G1 and the parallel GC.
 */
public final class ServerHeap {

    /** G1: {@code garbage-first heap   total 262144K, used 123456K [...]}. */
    private static final Pattern G1 = Pattern.compile("garbage-first heap\\s+total \\d+K, used (\\d+)K");
    /** Parallel and serial GCs: one {@code ... total NK, used NK} line per generation. */
    private static final Pattern GENERATION = Pattern.compile(
            "^\\s*(PSYoungGen|ParOldGen|PSOldGen|def new generation|tenured generation)\\s+total \\d+K, used (\\d+)K",
            Pattern.MULTILINE);

    private ServerHeap() {
    }

    /** Runs a full GC in the JVM {@code pid} and returns its heap in use afterwards, in bytes. */
    public static long usedAfterFullGc(long pid) throws IOException {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        return parseUsedKib(info).orElseThrow(() -> new IOException("cannot read the heap of " + pid
                + " from jcmd GC.heap_info:\n" + info)) * 1024;
    }

    /** The heap in use, in KiB, from {@code GC.heap_info} output. */
    static Optional<Long> parseUsedKib(String heapInfo) {
        Matcher g1 = G1.matcher(heapInfo);
        if (g1.find()) {
            return Optional.of(Long.parseLong(g1.group(1)));
        }
        Matcher generation = GENERATION.matcher(heapInfo);
        long used = 0;
        boolean found = false;
        while (generation.find()) {
            used += Long.parseLong(generation.group(2));
            found = true;
        }
        return found ? Optional.of(used) : Optional.empty();
    }

    private static String jcmd(long pid, String command) throws IOException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command))
                .redirectErrorStream(true).start();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("jcmd " + pid + " " + command + " did not finish within 120 s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed (" + process.exitValue() + "): " + out);
        }
        return out;
    }
}
