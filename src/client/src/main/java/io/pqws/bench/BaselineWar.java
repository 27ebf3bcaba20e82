package io.pqws.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes {@code baseline.war}: the classes of {@code io.pqws.bench.baseline} (what a Jakarta developer writes
 * without pqws), the Tyrus idle-timer switch its raw endpoint uses, and a {@code beans.xml}, deployed beside
 * {@code pqws.war} on the fan-out case's container.
 *
 * <p>Why the benchmark packs it from its own classes rather than the build making a second WAR: the baseline is a
 * measuring instrument of the benchmark, it must never reach {@code pqws.war}, and the CLI jar that runs the
 * benchmark already carries the classes (compiled against the same Jakarta APIs as the module).
 */
final class BaselineWar {

    /** The context root the WAR is deployed under (Payara Micro takes it from the file name). */
    static final String CONTEXT_ROOT = "baseline";

    private static final List<String> CLASSES = List.of("io/pqws/bench/baseline/NaiveRoomEndpoint",
            "io/pqws/bench/baseline/RawRoomEndpoint", "io/pqws/bench/baseline/RoomSequences",
            "io/pqws/container/SessionIdleTimer", "io/pqws/container/TyrusSessionIdleTimer",
            "io/pqws/container/NoIdleRearming", "io/pqws/container/NoIdleRearming$Done");
    private static final String BEANS_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0" bean-discovery-mode="annotated"/>
            """;

    private BaselineWar() {
    }

    /** Writes the WAR under {@code root/target/bench} and returns its path. */
    static Path write(Path root) throws IOException {
        Path war = root.resolve("target/bench").resolve(CONTEXT_ROOT + ".war");
        Files.createDirectories(war.getParent());
        try (OutputStream file = Files.newOutputStream(war); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry("WEB-INF/beans.xml"));
            zip.write(BEANS_XML.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            for (String name : CLASSES) {
                String entry = name + ".class";
                try (InputStream bytes = BaselineWar.class.getClassLoader().getResourceAsStream(entry)) {
                    if (bytes == null) {
                        throw new IOException("the benchmark's jar lacks " + entry + "; rebuild with mvn package");
                    }
                    zip.putNextEntry(new ZipEntry("WEB-INF/classes/" + entry));
                    bytes.transferTo(zip);
                    zip.closeEntry();
                }
            }
        }
        return war;
    }
}
