package io.pqws.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time (user + system) that a server process and its direct children have used so far, from Linux'
 * {@code /proc/<pid>/stat}.
 *
 * <p>Why: the client and the server share two cores, so a handshake rate is partly the client's speed. The server's
 * own CPU time per handshake is what a container operator pays, and it is much less sensitive to background load than
 * a rate. Children count because nginx does its work in worker processes.
 */
final class ProcessCpu {

    /** Linux' USER_HZ, the unit of the {@code stat} times; 100 on every common build. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** CPU nanoseconds of {@code pid} plus its direct children; fails if the process is gone. */
    static long nanos(long pid) {
        long ticks = ticks(pid);
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit) && !name.equals(Long.toString(pid))) {
                    List<String> fields = fields(Long.parseLong(name));
                    if (fields != null && Long.parseLong(fields.get(1)) == pid) {
                        ticks += Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
        }
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    private static long ticks(long pid) {
        List<String> fields = fields(pid);
        if (fields == null) {
            throw new IllegalStateException("process " + pid + " is not running");
        }
        return Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12));
    }

    /** The fields after the command name: state (index 0), ppid (1), ..., utime (11), stime (12); null if gone. */
    static List<String> fields(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException gone) {
            return null;
        }
        return parse(stat);
    }

    /** Splits a {@code stat} line; the command name may hold spaces and parentheses, so split after the last ')'. */
    static List<String> parse(String stat) {
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            throw new IllegalArgumentException("not a /proc stat line: " + stat);
        }
        return List.of(stat.substring(end + 1).strip().split("\\s+"));
    }
}
