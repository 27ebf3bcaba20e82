package io.pqws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import picocli.CommandLine;

/** Runs {@code pqws-client} in the test JVM with given stdin and captured stdout and stderr. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(String... args) {
        return withStdin("", true, args);
    }

    static CliRun withStdin(String stdin, boolean stdinIsTerminal, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = PqwsClient.commandLine(
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), stdinIsTerminal,
                new PrintWriter(out, true), new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    List<String> outLines() {
        return out.lines().toList();
    }

    List<String> errLines() {
        return err.lines().toList();
    }

    /** Asserts a usage error of {@code command}: exit code 1, one line naming its help, nothing on stdout. */
    void assertUsageError(String command, String expectedMessage) {
        assertEquals(PqwsClient.USAGE, exitCode);
        assertEquals(List.of("pqws-client: " + expectedMessage + " (see 'pqws-client " + command + " --help')"),
                errLines());
        assertEquals("", out);
    }
}
