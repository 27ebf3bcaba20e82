package io.pqws.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the JDK's {@code jcmd} against a server JVM on this machine and returns what it printed.
 *
 * <p>Why jcmd and not an MXBean over JMX: the servers under test expose no remote JMX, and {@code jcmd} attaches to a
 * local JVM of the same user without any change to the server.
 */
public final class Jcmd {

    private static final long WAIT_SECONDS = 120;

    private Jcmd() {
    }

    /** Runs {@code jcmd PID COMMAND ARGS...}; fails when it does not finish in two minutes or exits non-zero. */
    public static String run(long pid, String command, String... arguments) throws IOException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> line = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid), command));
        line.addAll(List.of(arguments));
        String shown = String.join(" ", line.subList(1, line.size()));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("jcmd " + shown + " did not finish within " + WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException("jcmd " + shown + " failed (" + process.exitValue() + "): " + out);
        }
        return out;
    }
}
