package io.pqws.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The hybrid-mldsa profile's pre-boot commands are the shared ones plus the second listener, so the shared file stays
 * the one source of the main listener's settings; and the second listener really selects per client.
 */
class PreBootCommandsTest {

    private static final Path DIR = Path.of(System.getProperty("pqws.basedir", "."), "server-config", "payara-micro");
    private static final String PQ_SSL = "set configs.config.server-config.network-config.protocols.protocol.pqws-pq.ssl.";

    @Test
    void thePqListenerFileIsTheSharedFilePlusTheSecondListener() throws IOException {
        List<String> shared = commands(DIR.resolve("pre-boot-commands.asadmin"));
        List<String> pq = commands(DIR.resolve("pre-boot-commands-pq-listener.asadmin"));
        assertEquals(shared, pq.subList(0, shared.size()));
        List<String> added = pq.subList(shared.size(), pq.size());
        assertTrue(added.contains(PQ_SSL + "cert-nickname="), "no nickname: the key manager sees every key");
        assertTrue(added.contains(PQ_SSL + "key-algorithm=PKIX"), "Bouncy Castle's key manager");
        assertTrue(added.stream().anyMatch(c -> c.startsWith("create-network-listener --listenerport=@PQ_HTTPS_PORT@ "
                + "--address=@BIND_ADDRESS@ ")));
        assertFalse(shared.stream().anyMatch(c -> c.contains("cert-nickname")),
                "the main listener keeps --sslcert: browsers always get the ECDSA chain");
    }

    private static List<String> commands(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
    }
}
