package io.pqws.certs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code pqws-certs}: makes, in one command, the development PKI that the project's TLS profiles and tests use.
 *
 * <p>Why a tool rather than files in the repository: private keys are never committed, and every developer and CI
 * run gets its own CA. Running it again is cheap and rewrites nothing that is still valid, so scripts can call it
 * before every start. Bad input ends with one line on stderr and picocli's exit codes (2 for a bad option, 1 for a
 * failure while writing), never a stack trace.
 */
@Command(name = "pqws-certs", sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Makes a development CA, a server certificate (localhost, 127.0.0.1, ::1), client certificates for "
                    + "mutual TLS, and PKCS#12 key and trust stores.",
            "Keeps what is still valid: writes only what is missing, expires within 30 days or no longer matches "
                    + "the options."},
        footer = DevPki.WARNING + ".")
public final class DevPki implements Callable<Integer> {

    static final String WARNING = "DEVELOPMENT CERTIFICATES ONLY — never use in production";

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = DevPkiFiles.DEFAULT_DIR,
            description = "output directory (default: ${DEFAULT-VALUE})")
    private Path out;

    @Option(names = "--server-key", paramLabel = "TYPE", defaultValue = "ec",
            description = "server key type: ec (ECDSA P-256, the default), rsa (RSA 3072), or mldsa44, mldsa65, mldsa87 "
                    + "(ML-DSA, signed by the classic CA)")
    private KeyAlgorithm serverKey;

    @Option(names = "--ml-dsa", paramLabel = "44|65|87", arity = "0..1", fallbackValue = "65",
            converter = MlDsaLevel.class,
            description = "also make a post-quantum PKI: an ML-DSA CA (ca-mldsa.pem), an ML-DSA server certificate with "
                    + "the same names (server-mldsa.*), server-dual.p12 with both server keys, and the ML-DSA CA in the "
                    + "trust store; the level defaults to ${FALLBACK-VALUE} (ML-DSA-65)")
    private KeyAlgorithm mlDsa;

    @Option(names = "--san", paramLabel = "NAME",
            description = "an extra server name: DNS:host, IP:address, or a bare host or address; repeatable. "
                    + "DNS:localhost, IP:127.0.0.1 and IP:::1 are always included")
    private List<SubjectAltName> extraNames = new ArrayList<>();

    @Option(names = "--client", paramLabel = "NAME", defaultValue = "alice,bob", split = ",",
            description = "a client certificate to make (CN=NAME, O=pqws dev); repeatable (default: ${DEFAULT-VALUE})")
    private List<String> clients;

    @Option(names = "--password", paramLabel = "PASSWORD", defaultValue = DevPkiFiles.DEFAULT_PASSWORD,
            description = "store password (default: ${DEFAULT-VALUE}, Payara's default: a development password)")
    private char[] password;

    @Option(names = "--force", description = "re-create everything, the CA included")
    private boolean force;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    private boolean help;

    private final Clock clock;

    private DevPki(Clock clock) {
        this.clock = clock;
    }

    public static void main(String[] args) {
        CommandLine commandLine = commandLine(Clock.systemUTC())
                .setOut(utf8(System.out))
                .setErr(utf8(System.err));
        System.exit(commandLine.execute(args));
    }

    /** The command, wired with its converters and its one-line error handlers; the clock is the tests' lever. */
    static CommandLine commandLine(Clock clock) {
        CommandLine commandLine = new CommandLine(new DevPki(clock));
        commandLine.registerConverter(KeyAlgorithm.class, converter(KeyAlgorithm::fromCliName));
        commandLine.registerConverter(SubjectAltName.class, converter(SubjectAltName::parse));
        commandLine.setParameterExceptionHandler(DevPki::badInput);
        commandLine.setExecutionExceptionHandler(DevPki::failed);
        return commandLine;
    }

    @Override
    public Integer call() throws IOException, GeneralSecurityException {
        DevPkiRequest request = request();
        warn(spec.commandLine().getErr());
        List<DevPkiMaker.Written> written = new DevPkiMaker(new BouncyCastleProvider(), clock).make(request);
        summarize(spec.commandLine().getOut(), written);
        return ExitCode.OK;
    }

    private DevPkiRequest request() {
        DevPkiFiles files = new DevPkiFiles(out);
        Set<SubjectAltName> names = new LinkedHashSet<>(SubjectAltName.LOOPBACK);
        names.addAll(extraNames);
        List<EndEntity> endEntities = new ArrayList<>();
        endEntities.add(files.server(CertificateSpec.server(serverKey, names)));
        try {
            for (String client : new LinkedHashSet<>(clients)) {
                endEntities.add(files.client(client));
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return new DevPkiRequest(files, endEntities, password, force, Optional.ofNullable(mlDsa));
    }

    private static void warn(PrintWriter err) {
        String rule = "*".repeat(WARNING.length() + 8);
        err.println(rule);
        err.println("*** " + WARNING + " ***");
        err.println(rule);
    }

    private void summarize(PrintWriter stdout, List<DevPkiMaker.Written> written) {
        Path dir = out.toAbsolutePath().normalize();
        if (written.isEmpty()) {
            stdout.println(dir + " is up to date; nothing written (--force re-creates everything).");
            return;
        }
        boolean defaultPassword = Arrays.equals(password, DevPkiFiles.DEFAULT_PASSWORD.toCharArray());
        stdout.println("Wrote to " + dir + " (store password: "
                + (defaultPassword ? DevPkiFiles.DEFAULT_PASSWORD + ", the development default" : "as given")
                + "):");
        for (DevPkiMaker.Written w : written) {
            stdout.println("  " + w.what() + ": " + String.join(", ", w.files()) + " (" + w.reason() + ")");
        }
    }

    private static int badInput(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        commandLine.getErr().println("pqws-certs: " + e.getMessage() + " (see --help)");
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Reports an I/O or security failure in one line; anything else is a bug, and picocli shows it in full. */
    private static int failed(Exception e, CommandLine commandLine, ParseResult parseResult) throws Exception {
        if (!(e instanceof IOException || e instanceof GeneralSecurityException)) {
            throw e;
        }
        commandLine.getErr().println("pqws-certs: " + Failures.describe(e));
        return commandLine.getCommandSpec().exitCodeOnExecutionException();
    }

    /** {@code 44}, {@code 65}, {@code 87}: an ML-DSA level of FIPS 204. */
    static final class MlDsaLevel implements ITypeConverter<KeyAlgorithm> {
        @Override
        public KeyAlgorithm convert(String value) {
            return switch (value.strip()) {
                case "44" -> KeyAlgorithm.ML_DSA_44;
                case "65" -> KeyAlgorithm.ML_DSA_65;
                case "87" -> KeyAlgorithm.ML_DSA_87;
                default -> throw new TypeConversionException("unknown ML-DSA level '" + value + "' (expected 44, 65 or 87)");
            };
        }
    }

    private static <T> ITypeConverter<T> converter(Function<String, T> parse) {
        return value -> {
            try {
                return parse.apply(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        };
    }

    /** The warning has an em dash; it must not come out as '?' on a console whose locale is not UTF-8. */
    private static PrintWriter utf8(OutputStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }
}
