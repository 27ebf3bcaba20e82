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
 * The WARs stay thin: one jar in WEB-INF/lib, the pqws library (which carries its web-fragment.xml and beans.xml);
 * no Bouncy Castle, none of the tools (client, dev PKI, profile launcher, JVM-level policy provider). Server-side TLS
 * belongs to the container's JVM. pqws.war's own classes are its endpoints and REST application; the sample portal
 * has none of pqws's classes of its own.
 */
class WarContentIT {

    private static final String LIBRARY = "WEB-INF/lib/pqws-library-";

    @Test
    void pqwsWarHoldsTheLibraryThePageAndItsEndpoints() throws IOException {
        List<String> names = entries(Path.of(System.getProperty("pqws.war")));
        assertOnlyTheLibraryJar(names);
        assertEquals(List.of(), names.stream().filter(n -> n.startsWith("WEB-INF/classes/io/pqws/")
                && !n.startsWith("WEB-INF/classes/io/pqws/endpoint/") && !n.startsWith("WEB-INF/classes/io/pqws/rest/")
                && !n.endsWith("/")).toList(), "pqws.war's own code is its endpoints and REST application");
        assertTrue(names.contains("WEB-INF/classes/io/pqws/endpoint/EchoEndpoint.class"), names.toString());
        assertTrue(names.contains("index.html"), names.toString());
    }

    @Test
    void theSamplePortalHoldsTheLibraryAndItsOwnCode() throws IOException {
        List<String> names = entries(SamplePortal.war());
        assertOnlyTheLibraryJar(names);
        assertEquals(List.of(), names.stream().filter(n -> n.startsWith("WEB-INF/classes/io/")).toList());
        assertTrue(names.contains("WEB-INF/classes/com/example/portal/DeskEndpoint.class"), names.toString());
    }

    private static List<String> entries(Path war) throws IOException {
        try (ZipFile zip = new ZipFile(war.toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        }
    }

    private static void assertOnlyTheLibraryJar(List<String> names) {
        List<String> jars = names.stream().filter(n -> n.startsWith("WEB-INF/lib/") && !n.endsWith("/")).toList();
        assertEquals(1, jars.size(), jars.toString());
        assertTrue(jars.get(0).startsWith(LIBRARY), jars.toString());
        assertEquals(List.of(), names.stream().filter(n -> n.contains("bouncycastle")
                || n.contains("java.security.Provider")).toList());
    }
}
