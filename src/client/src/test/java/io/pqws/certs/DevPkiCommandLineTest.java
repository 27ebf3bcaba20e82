package io.pqws.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input ends with one precise line on stderr and picocli's exit codes, never a stack trace or stray files. */
class DevPkiCommandLineTest {

    @TempDir
    Path tmp;

    @Test
    void unknownKeyTypeIsRejected() {
        assertRejected(2, "--server-key': unknown key type 'dsa' (expected one of: ec, rsa, mldsa44, mldsa65, mldsa87)",
                "--out", tmp.resolve("dev").toString(), "--server-key", "dsa");
    }

    @Test
    void unknownMlDsaLevelIsRejected() {
        assertRejected(2, "unknown ML-DSA level '66' (expected 44, 65 or 87)",
                "--out", tmp.resolve("dev").toString(), "--ml-dsa", "66");
    }

    @Test
    void unknownOptionIsRejected() {
        assertRejected(2, "Unknown option: '--bogus'", "--out", tmp.resolve("dev").toString(), "--bogus");
    }

    @Test
    void invalidSubjectAltNameIsRejected() {
        assertRejected(2, "'bad_name!' is not a valid DNS name",
                "--out", tmp.resolve("dev").toString(), "--san", "DNS:bad_name!");
        assertRejected(2, "'300.1.1.1' is not an IPv4 or IPv6 address",
                "--out", tmp.resolve("dev").toString(), "--san", "IP:300.1.1.1");
    }

    @Test
    void clientNameThatIsNoSafeFileNameIsRejected() {
        assertRejected(2, "invalid client name '../eve'",
                "--out", tmp.resolve("dev").toString(), "--client", "../eve");
    }

    @Test
    void unwritableOutputDirectoryFailsInOneLine() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
        PkiFixture.Run run = PkiFixture.run("--out", file.resolve("dev").toString());

        assertEquals(1, run.exitCode());
        List<String> lines = run.err().lines().toList();
        assertEquals("pqws-certs: " + file + ": not a directory", lines.get(lines.size() - 1));
        assertTrue(run.err().contains(DevPki.WARNING), "the run started, so it warned");
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertEquals("", run.out());
    }

    @Test
    void helpNamesTheOptionsAndTheWarning() {
        PkiFixture.Run run = PkiFixture.run("--help");

        assertEquals(0, run.exitCode());
        for (String option : List.of("--out", "--server-key", "--san", "--client", "--password", "--force")) {
            assertTrue(run.out().contains(option), option);
        }
        assertTrue(run.out().contains(DevPki.WARNING), run.out());
    }

    /** Exactly one line on stderr, naming the problem; nothing on stdout; nothing written. */
    private void assertRejected(int exitCode, String message, String... args) {
        PkiFixture.Run run = PkiFixture.run(args);

        assertEquals(exitCode, run.exitCode(), run.err());
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), run.err());
        assertTrue(lines.get(0).startsWith("pqws-certs: ") && lines.get(0).contains(message), lines.get(0));
        assertEquals("", run.out());
        assertFalse(Files.exists(tmp.resolve("dev")), "nothing written");
    }
}
