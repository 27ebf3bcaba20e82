package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

/**
 * The WAR stays thin: no library jars, no Bouncy Castle, none of the tools (client, dev PKI, profile launcher,
 * JVM-level policy provider). Server-side TLS belongs to the container's JVM.
 */
class WarContentIT {

    @Test
    void theWarHoldsOnlyTheModule() throws IOException {
        try (ZipFile war = new ZipFile(Path.of(System.getProperty("pqws.war")).toFile())) {
            List<String> names = war.stream().map(ZipEntry::getName).toList();
            assertEquals(List.of(), names.stream().filter(n -> n.startsWith("WEB-INF/lib/")).toList());
            assertEquals(List.of(), names.stream().filter(n -> n.contains("bouncycastle")
                    || n.contains("/io/pqws/client/") || n.contains("/io/pqws/certs/")
                    || n.contains("/io/pqws/profile/") || n.contains("/io/pqws/jsse/")
                    || n.contains("/io/pqws/bench/") || n.contains("/io/pqws/load/")
                    || n.contains("java.security.Provider")).toList());
            assertTrue(names.contains("WEB-INF/classes/io/pqws/endpoint/EchoEndpoint.class"), names.toString());
            assertTrue(names.contains("index.html"), names.toString());
        }
    }
}
