package io.pqws.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.pqws.load.Jcmd;

/**
 * JFR recordings of a server JVM on this machine for chosen stretches of a run ({@code bench --profile}), with the
 * JDK's {@code profile} settings (execution samples every 10 ms), each stretch in a file of its own, read together
 * by {@link JfrBreakdown}.
 *
 * <p>Why around single turns: a case measures several variants on the same container one after another; a
 * recording of the whole run would mix them.
 */
final class ServerProfile {

    private final long pid;
    private final Path directory;
    private final List<Path> recordings = new ArrayList<>();

    ServerProfile(long pid, Path directory) {
        this.pid = pid;
        this.directory = directory;
    }

    /** Records the server while {@code work} runs, into {@code NAME.jfr}. */
    <T> T record(String name, Work<T> work) throws Exception {
        Files.createDirectories(directory);
        Path file = directory.resolve(name + ".jfr");
        Jcmd.run(pid, "JFR.start", "name=" + name, "settings=profile");
        try {
            return work.run();
        } finally {
            Jcmd.run(pid, "JFR.stop", "name=" + name, "filename=" + file);
            recordings.add(file);
        }
    }

    /** The recordings made so far whose names start with {@code prefix}. */
    List<Path> recordings(String prefix) {
        return recordings.stream().filter(file -> file.getFileName().toString().startsWith(prefix)).toList();
    }

    /** What one recorded stretch does. */
    interface Work<T> {
        T run() throws Exception;
    }
}
