package io.pqws.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.pqws.bench.BenchCommand;
import io.pqws.load.SoakCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code pqws-client}: the command-line entry point. It only dispatches to subcommands ({@code connect},
 * {@code follow}, {@code probe}, {@code readiness}, {@code bench} and {@code soak}) and owns what they share: exit
 * codes, the error format and the streams.
 *
 * <p>Why exit codes by failure kind: scripts and CI steps around the client need to tell "the server refused a
 * classic key exchange" (a policy result, 3) from "the server is down" (2) without parsing messages.
 */
@Command(name = "pqws-client",
        description = "Secure WebSocket client with a post-quantum (X25519MLKEM768) TLS key exchange.",
        subcommands = {ConnectCommand.class, FollowCommand.class, ProbeCommand.class, ReadinessCommand.class,
            BenchCommand.class, SoakCommand.class, CommandLine.HelpCommand.class},
        synopsisSubcommandLabel = "COMMAND",
        exitCodeListHeading = PqwsClient.EXIT_CODES_HEADING,
        exitCodeList = {PqwsClient.EXIT_0, PqwsClient.EXIT_1, PqwsClient.EXIT_2, PqwsClient.EXIT_3,
            PqwsClient.EXIT_4, PqwsClient.EXIT_5})
public final class PqwsClient implements Callable<Integer> {

    static final String EXIT_CODES_HEADING = "%nExit codes:%n";
    static final String EXIT_0 = "0:success";
    static final String EXIT_1 = "1:usage error (bad option, unknown group, unreadable key store)";
    static final String EXIT_2 = "2:connection or TLS failure, or the server closed the connection";
    static final String EXIT_3 = "3:policy failure (no hybrid key exchange under --profile hybrid-only)";
    static final String EXIT_4 = "4:timeout (connect, send or reply)";
    static final String EXIT_5 = "5:internal error (rerun with --verbose)";

    public static final int OK = 0;
    public static final int USAGE = 1;
    public static final int CONNECTION_FAILED = 2;
    public static final int POLICY_FAILED = 3;
    public static final int TIMED_OUT = 4;
    public static final int INTERNAL_ERROR = 5;

    private final InputStream stdin;
    private final boolean stdinIsTerminal;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    public PqwsClient(InputStream stdin, boolean stdinIsTerminal) {
        this.stdin = stdin;
        this.stdinIsTerminal = stdinIsTerminal;
    }

    InputStream stdin() {
        return stdin;
    }

    boolean stdinIsTerminal() {
        return stdinIsTerminal;
    }

    /** Without a subcommand there is nothing to do: show the usage and fail as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    /** The exit code for a failure kind; see the {@code Exit codes} section of the usage. */
    static int exitCode(WssClientException.Kind kind) {
        switch (kind) {
            case SETUP:
                return USAGE;
            case CONNECT:
            case TLS:
            case CLOSED:
                return CONNECTION_FAILED;
            case POLICY:
                return POLICY_FAILED;
            case TIMEOUT:
                return TIMED_OUT;
            default:
                return INTERNAL_ERROR;
        }
    }

    /** Prints a failure that has no cause worth showing: one line {@code pqws-client: message} on {@code err}. */
    static void printFailure(PrintWriter err, String message) {
        printFailure(err, message, null, false);
    }

    /**
     * Prints a failure as this client reports every failure: one line {@code pqws-client: message} on {@code err},
     * and with {@code verbose} the chain of causes of {@code cause} (when there is one), one line each; never a
     * stack trace.
     */
    static void printFailure(PrintWriter err, String message, Throwable cause, boolean verbose) {
        err.println("pqws-client: " + message);
        if (verbose && cause != null) {
            Failures.causeChain(cause).forEach(line -> err.println("pqws-client:   " + line));
        }
        err.flush();
    }

    /**
     * The command line with this project's error handling: usage errors and failures print one line
     * ({@code pqws-client: reason}) on {@code err}, never a stack trace; {@code --verbose} adds the chain of causes,
     * one line each.
     */
    public static CommandLine commandLine(InputStream stdin, boolean stdinIsTerminal, PrintWriter out,
            PrintWriter err) {
        CommandLine commandLine = new CommandLine(new PqwsClient(stdin, stdinIsTerminal));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            printFailure(failed.getErr(), e.getMessage() + " (see '" + failed.getCommandSpec().qualifiedName()
                    + " --help')");
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            printFailure(failed.getErr(), "internal error: " + Failures.innermostMessage(e)
                    + " (rerun with --verbose for details)", e,
                    Arrays.asList(parseResult.originalArgs()).contains("--verbose"));
            return INTERNAL_ERROR;
        });
        return commandLine;
    }

    public static void main(String[] args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        if (!verbose) {
            // BC and Tyrus log through java.util.logging; a CLI promises one line per failure, so they stay quiet.
            Logger.getLogger("").setLevel(Level.OFF);
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = commandLine(System.in, systemStdinIsTerminal(), out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Whether standard input is a terminal (then it is not read unless {@code -} is given). JDK 17 has no direct
     * test: a console means both ends are terminals; otherwise Linux tells through {@code /proc/self/fd/0}. When
     * neither can tell, assume a terminal, so the command never blocks waiting for input nobody types.
     */
    static boolean systemStdinIsTerminal() {
        if (System.console() != null) {
            return true;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException unknown) {
            return true;
        }
    }
}
