package io.pqws.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one {@code pqws-client bench} run found: the machine it ran on (with its load before and after, since
 * the machine is shared), the mode, and one {@link Section} per case. {@link ReportWriter} turns it into files.
 */
public final class BenchReport {

    /**
     * The machine and its state, recorded next to the figures.
     *
     * @param cpus       logical processors the JVM sees
     * @param memory     total memory, as {@code free} would say it
     * @param jdk        the benchmark JVM's vendor and version
     * @param os         kernel name, version and architecture
     * @param loadBefore the load averages when the run started ({@code /proc/loadavg})
     */
    public record Machine(int cpus, String memory, String jdk, String os, String loadBefore) {
    }

    private final Machine machine;
    private final String mode;
    private final Instant started;
    private final List<Section> sections = new ArrayList<>();
    private String loadAfter = "(not recorded)";
    private Duration took = Duration.ZERO;

    public BenchReport(Machine machine, String mode, Instant started) {
        this.machine = machine;
        this.mode = mode;
        this.started = started;
    }

    public Machine machine() {
        return machine;
    }

    public String mode() {
        return mode;
    }

    public Instant started() {
        return started;
    }

    public Section section(String id, String title) {
        Section section = new Section(id, title);
        sections.add(section);
        return section;
    }

    public List<Section> sections() {
        return List.copyOf(sections);
    }

    /** Records the end of the run: the load then, and how long it took. */
    public void finish(String loadAverages, Duration duration) {
        this.loadAfter = loadAverages;
        this.took = duration;
    }

    public String loadAfter() {
        return loadAfter;
    }

    public Duration took() {
        return took;
    }
}
