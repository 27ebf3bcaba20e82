package io.pqws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import io.pqws.testsupport.InMemoryCredentials;

/** Options → {@link ClientTlsSettings}, and every usage error as one line with exit code 1. No network. */
class ConnectOptionsTest {

    private static final String URL = "wss://localhost:8181/pqws/echo";

    private static ConnectCommand parse(String stdin, boolean terminal, String... args) {
        CommandLine commandLine = PqwsClient.commandLine(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), terminal,
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        return (ConnectCommand) commandLine.parseArgs(args).subcommand().commandSpec().userObject();
    }

    private static ClientTlsSettings settings(String... options) {
        List<String> args = new ArrayList<>(List.of("connect"));
        args.addAll(List.of(options));
        args.add(URL);
        return parse("", true, args.toArray(String[]::new)).tlsSettings();
    }

    private static void assertUsageError(String expectedMessage, String... args) {
        CliRun.run(args).assertUsageError("connect", expectedMessage);
    }

    @Test
    void defaultProfileIsHybridWithTheHybridShareFirst() {
        ClientTlsSettings settings = settings();
        assertEquals(List.of("X25519MLKEM768", "x25519", "secp256r1"), settings.namedGroups());
        assertEquals(List.of("X25519MLKEM768"), settings.earlyKeyShares());
        assertFalse(settings.requireHybrid());
        assertTrue(settings.hostnameVerification());
        assertNull(settings.trustStore(), "JDK default trust");
        assertNull(settings.clientCertificate());
    }

    @Test
    void hybridOnlyKeepsSecp256r1ForSignaturesAndRequiresHybrid() {
        ClientTlsSettings settings = settings("--profile", "hybrid-only");
        assertEquals(List.of("X25519MLKEM768", "secp256r1"), settings.namedGroups());
        assertEquals(List.of("X25519MLKEM768"), settings.earlyKeyShares());
        assertTrue(settings.requireHybrid());
    }

    @Test
    void classicOffersNoMlKem() {
        ClientTlsSettings settings = settings("--profile", "classic");
        assertEquals(List.of("x25519", "secp256r1"), settings.namedGroups());
        assertEquals(List.of("x25519"), settings.earlyKeyShares());
        assertFalse(settings.requireHybrid());
    }

    @Test
    void groupsAndKeySharesOverrideTheProfileInCanonicalSpelling() {
        ClientTlsSettings groups = settings("--groups", "secp256r1, x25519mlkem768");
        assertEquals(List.of("secp256r1", "X25519MLKEM768"), groups.namedGroups());
        assertEquals(List.of("X25519MLKEM768"), groups.earlyKeyShares(), "the profile's share is still offered");

        ClientTlsSettings classicList = settings("--groups", "x25519,secp256r1");
        assertEquals(List.of("x25519"), classicList.earlyKeyShares(), "a dropped share falls back to the first group");

        ClientTlsSettings shares = settings("--groups", "X25519MLKEM768,x25519,secp256r1",
                "--key-shares", "x25519,X25519MLKEM768");
        assertEquals(List.of("x25519", "X25519MLKEM768"), shares.earlyKeyShares());
    }

    @Test
    void unknownGroupIsAUsageErrorNamingOptionAndName() {
        assertUsageError("--groups: unknown named group 'X25519MLKEM786' (known names include X25519MLKEM768, "
                + "SecP256r1MLKEM768, x25519, secp256r1, secp384r1)",
                "connect", "--groups", "X25519MLKEM786,x25519", URL);
        assertUsageError("--key-shares: unknown named group 'kyber' (known names include X25519MLKEM768, "
                + "SecP256r1MLKEM768, x25519, secp256r1, secp384r1)",
                "connect", "--key-shares", "kyber", URL);
    }

    @Test
    void inconsistentListsAreUsageErrors() {
        assertUsageError("--key-shares: key share 'secp384r1' is not one of the offered groups "
                + "[X25519MLKEM768, x25519, secp256r1]", "connect", "--key-shares", "secp384r1", URL);
        assertUsageError("--groups: a hybrid-only policy needs a hybrid group among [x25519, secp256r1] "
                + "(e.g. X25519MLKEM768) (profile hybrid-only)",
                "connect", "--profile", "hybrid-only", "--groups", "x25519,secp256r1", URL);
        assertUsageError("--groups: named group 'x25519' is listed twice", "connect", "--groups", "x25519,X25519", URL);
    }

    @Test
    void otherUsageErrors(@TempDir Path dir) throws Exception {
        assertUsageError("Invalid value for option '--profile': unknown profile 'pq' (expected one of hybrid, "
                + "hybrid-only, classic)", "connect", "--profile", "pq", URL);
        assertUsageError("URL must start with wss:// or ws://: https://localhost/", "connect", "https://localhost/");
        assertUsageError("--timeout must be between 0 and 86400 seconds: 0.0", "connect", "--timeout", "0", URL);
        Path missing = dir.resolve("missing.p12");
        assertUsageError("--truststore " + missing + ": no such file", "connect", "--truststore", missing.toString(),
                URL);

        Path trustStore = PeerCredentials.writeTrustStore(
                InMemoryCredentials.ecdsaP256Localhost().certificate(), dir.resolve("trust.p12"));
        CliRun wrongPassword = CliRun.run("connect", "--truststore", trustStore.toString(),
                "--truststore-password", "wrong", URL);
        assertEquals(PqwsClient.USAGE, wrongPassword.exitCode());
        assertEquals(1, wrongPassword.errLines().size(), wrongPassword.err());
        assertTrue(wrongPassword.err().startsWith("pqws-client: cannot read --truststore " + trustStore
                + " as PKCS12: "), wrongPassword.err());
        assertUsageError("--cert " + trustStore + " holds no private key", "connect", "--cert", trustStore.toString(),
                URL);
    }

    @Test
    void withoutACommandTheUsageGoesToStderr() {
        CliRun run = CliRun.run();
        assertEquals(PqwsClient.USAGE, run.exitCode());
        assertTrue(run.err().contains("Usage: pqws-client"), run.err());
        assertTrue(run.err().contains("3   policy failure"), run.err());
    }

    @Test
    void helpDocumentsOptionsAndExitCodes() {
        CliRun run = CliRun.run("connect", "--help");
        assertEquals(0, run.exitCode());
        for (String expected : List.of("--profile=hybrid|hybrid-only|classic", "--groups=LIST", "--key-shares=LIST",
                "--truststore=FILE", "--cert=FILE.p12", "--no-hostname-verification", "--timeout=SECONDS", "--json",
                "--binary", "3   policy failure", "4   timeout")) {
            assertTrue(run.out().contains(expected), expected + " in\n" + run.out());
        }
    }

    @Test
    void messagesComeFromArgumentsOrFromStdinWhenItIsNotATerminal() {
        assertEquals(List.of("a", "b"), drain(parse("ignored\n", false, "connect", URL, "a", "b")));
        assertEquals(List.of("x", "y"), drain(parse("x\ny\n", false, "connect", URL)));
        assertEquals(List.of(), drain(parse("x\n", true, "connect", URL)), "a terminal is never read implicitly");
        assertEquals(List.of("x"), drain(parse("x\n", true, "connect", URL, "-")), "'-' reads it anyway");
    }

    @Test
    void timeoutAcceptsFractionsOfSeconds() {
        assertEquals(Duration.ofMillis(1500), parse("", true, "connect", "--timeout", "1.5", URL).timeout());
        assertEquals(Duration.ofSeconds(10), parse("", true, "connect", URL).timeout());
    }

    @Test
    void profilesKnowTheirCommandLineNames() {
        for (TlsProfile profile : TlsProfile.values()) {
            assertEquals(profile, TlsProfile.fromCliName(profile.cliName()));
        }
        assertThrows(IllegalArgumentException.class, () -> TlsProfile.fromCliName("HYBRID_ONLY"));
    }

    private static List<String> drain(ConnectCommand command) {
        List<String> messages = new ArrayList<>();
        command.messageSource().forEachRemaining(messages::add);
        return messages;
    }

    @Test
    void originAndSubprotocolsGoIntoTheHandshake() {
        HandshakeOptions handshake = parse("", true, "connect", "--origin", "https://portal.example.com",
                "--subprotocol", "pqws.v1", "--subprotocol", "pqws.ticket.abc-_1", URL).handshakeOptions();
        assertEquals("https://portal.example.com", handshake.origin());
        assertEquals(List.of("pqws.v1", "pqws.ticket.abc-_1"), handshake.subprotocols());
        HandshakeOptions defaults = parse("", true, "connect", URL).handshakeOptions();
        assertNull(defaults.origin());
        assertEquals(List.of(), defaults.subprotocols());
    }

    @Test
    void aSubprotocolThatIsNotATokenIsAUsageError() {
        assertUsageError("not a valid subprotocol token: 'pqws v1'", "connect", "--subprotocol", "pqws v1", URL);
    }
}
