package io.pqws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

import org.junit.jupiter.api.Test;

/**
 * The one boundary Maven's dependency scopes cannot draw: the client depends on the library for its protocol
 * classes (the group names, the BC group reader), and must use nothing else of it, nothing server-side. The
 * benchmark's baseline endpoints ({@code io.pqws.bench.baseline}) run inside the container, in a WAR the benchmark
 * packs, and may also use the container idle-timer switch ({@code io.pqws.container}).
 *
 * <p>Read from the compiled classes by the JDK's own {@code jdeps}, so a use by import, by fully qualified name or
 * by method reference counts alike.
 */
class ArchitectureTest {

    private static final Pattern DEPENDENCY = Pattern.compile("^\\s+(io\\.pqws\\.\\S+)\\s+->\\s+(io\\.pqws\\.\\S+)");
    private static final List<String> CLIENT_SIDE = List.of("io.pqws.client.", "io.pqws.bench.", "io.pqws.load.",
            "io.pqws.certs.", "io.pqws.profile.", "io.pqws.jsse.");
    private static final List<String> PROTOCOL = List.of("io.pqws.tls.NamedGroups", "io.pqws.tls.bc.");

    @Test
    void theClientUsesOnlyTheLibrarysProtocolClasses() throws Exception {
        List<String> dependencies = dependencies();
        assertFalse(dependencies.isEmpty(), "jdeps found the client's own dependencies (positive control)");
        assertEquals(List.of(), dependencies.stream().filter(d -> !allowed(d)).toList());
    }

    @Test
    void theRuleCatchesAServerSideDependency() {
        assertFalse(allowed("io.pqws.client.ConnectCommand -> io.pqws.security.SessionGuard"));
        assertFalse(allowed("io.pqws.bench.FanoutCase -> io.pqws.container.NoIdleRearming"));
    }

    private static boolean allowed(String dependency) {
        String[] ends = dependency.split(" -> ");
        String from = ends[0];
        String to = ends[1];
        return CLIENT_SIDE.stream().anyMatch(to::startsWith) || PROTOCOL.stream().anyMatch(to::startsWith)
                || from.startsWith("io.pqws.bench.baseline.") && to.startsWith("io.pqws.container.");
    }

    /** Every "class -> class" dependency between io.pqws classes of the client's compiled code. */
    private static List<String> dependencies() throws Exception {
        Path classes = Path.of(PqwsClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:class", "-filter:none",
                "-regex", "io\\.pqws\\..*", classes.toString());
        assertEquals(0, status, out.toString());
        return out.toString().lines().map(DEPENDENCY::matcher).filter(Matcher::find)
                .map(m -> m.group(1) + " -> " + m.group(2)).distinct().toList();
    }
}
