package io.pqws.load;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap a server JVM on this machine uses after a full GC, read with the JDK's {@code jcmd}
 * ({@code GC.run}, then {@code GC.heap_info}).
 *
 * <p>Parsing the text of the JDK's diagnostic command is the fragile part, so {@link #parseUsedKib} is unit-tested on
 * the formats of G1 and the parallel GC.
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
        Jcmd.run(pid, "GC.run");
        String info = Jcmd.run(pid, "GC.heap_info");
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
}
