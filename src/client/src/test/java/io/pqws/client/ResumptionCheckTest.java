package io.pqws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pqws.testsupport.InMemoryCredentials;

/**
 * Session resumption between our client and a BCJSSE server, read from the server's own ServerHello: TLS 1.2 resumes
 * (the positive control that the check can see a resumption), TLS 1.3 never does with Bouncy Castle 1.84, which has no
 * TLS 1.3 resumption (its {@code ProvTlsServer#getNewSessionID} and session cache skip TLS 1.3: "TODO[tls13]
 * Resumption/PSK"), and the server switch {@code org.bouncycastle.jsse.server.enableSessionResumption=false} turns TLS
 * 1.2 resumption off. If a Bouncy Castle upgrade adds TLS 1.3 resumption, the TLS 1.3 test fails: then the profiles'
 * switch starts to matter for hybrid connections and the resumption section of docs/operating-a-trial.md must be
 * revisited.
 */
class ResumptionCheckTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final InMemoryCredentials SERVER = InMemoryCredentials.ecdsaP256Localhost();

    @TempDir
    Path directory;

    private static List<HandshakeOutcome> twice(ClientHelloOffer offer) throws Exception {
        try (TestWssServer server = TestWssServer.echo(SERVER.keyManagers("PKIX", TestWssServer.JSSE),
                List.of("X25519MLKEM768", "x25519", "secp256r1"))) {
            return ResumptionCheck.handshakes(SERVER.trustStore(), "localhost", server.port(), offer, 2, WAIT);
        }
    }

    @Test
    void tls12ResumesTheFirstSession() throws Exception {
        List<HandshakeOutcome> outcomes = twice(ClientHelloOffer.tls13("x25519", "secp256r1")
                .withProtocols("TLSv1.2"));
        assertEquals("TLSv1.2", outcomes.get(1).protocol());
        assertFalse(outcomes.get(0).resumed());
        assertTrue(outcomes.get(1).resumed(), "the server echoed the first session's id");
        assertEquals(outcomes.get(0).sessionId(), outcomes.get(1).sessionId());
    }

    @Test
    void tls13IsAlwaysAFullHandshakeWithBouncyCastle184() throws Exception {
        List<HandshakeOutcome> outcomes = twice(ClientHelloOffer.tls13("X25519MLKEM768", "secp256r1"));
        assertEquals("TLSv1.3", outcomes.get(1).protocol());
        assertEquals("X25519MLKEM768", outcomes.get(1).namedGroup(), "a full key exchange again");
        assertFalse(outcomes.get(1).resumed(), "no pre_shared_key in the ServerHello");
    }

    @Test
    void theServerSwitchTurnsTls12ResumptionOff() throws Exception {
        assertEquals(Map.of("first", "full", "second", "full", "protocol", "TLSv1.2"),
                runFreshJvm("-Dorg.bouncycastle.jsse.server.enableSessionResumption=false"));
        assertEquals(Map.of("first", "full", "second", "resumed", "protocol", "TLSv1.2"),
                runFreshJvm("-Dorg.bouncycastle.jsse.server.enableSessionResumption=true"), "positive control");
    }

    /** Bouncy Castle reads the switch once per JVM, so each value gets a JVM of its own. */
    private Map<String, String> runFreshJvm(String property) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), property,
                "-Djava.util.logging.config.file=" + System.getProperty("java.util.logging.config.file", ""),
                ResumptionMain.class.getName(), "TLSv1.2"));
        Path output = directory.resolve("resumption.out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the JVM did not finish within 60 s");
        } finally {
            process.destroyForcibly();
        }
        String text = Files.readString(output);
        assertEquals(0, process.exitValue(), text);
        Map<String, String> values = new HashMap<>();
        for (String line : text.split("\\R")) {
            int equals = line.indexOf('=');
            if (equals > 0 && line.chars().limit(equals).allMatch(Character::isLetter)) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return values;
    }
}
