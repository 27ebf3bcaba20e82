package io.pqws.client;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code pqws-client connect URL [MESSAGE...]}: connect, print what the TLS handshake negotiated, exchange messages,
 * close with 1000.
 *
 * <p>Why it is thin: everything it does goes through {@link WssClient}, the library the integration tests use, so
 * this class only turns options into {@link ClientTlsSettings} and results into lines of output.
 */
@Command(name = "connect", sortOptions = false,
        description = {
            "Connect to a WebSocket endpoint and print what the TLS handshake negotiated.",
            "Then send each MESSAGE as one frame (with no MESSAGE and standard input not a terminal, or with '-', "
                    + "each line of standard input), print each reply, and close normally (1000). "
                    + "One reply is awaited per message.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  pqws-client connect --truststore certs/dev/truststore.p12 \\",
            "      wss://localhost:8443/pqws/echo hello",
            "  echo hi | pqws-client connect --profile hybrid-only --json \\",
            "      --truststore certs/dev/truststore.p12 wss://localhost:8443/pqws/echo"},
        exitCodeListHeading = PqwsClient.EXIT_CODES_HEADING,
        exitCodeList = {PqwsClient.EXIT_0, PqwsClient.EXIT_1, PqwsClient.EXIT_2, PqwsClient.EXIT_3,
            PqwsClient.EXIT_4, PqwsClient.EXIT_5})
final class ConnectCommand implements Callable<Integer> {

    @ParentCommand
    private PqwsClient parent;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL", description = "wss:// (or ws://) URL of the WebSocket endpoint.")
    private URI url;

    @Parameters(index = "1..*", paramLabel = "MESSAGE",
            description = "Messages to send, one frame each; '-' reads them from standard input, one per line.")
    private List<String> messages = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "hybrid|hybrid-only|classic", defaultValue = "hybrid",
            converter = ProfileConverter.class,
            description = {
                "Key exchange policy (default: ${DEFAULT-VALUE}).",
                "hybrid: X25519MLKEM768,x25519,secp256r1, hybrid key share first;",
                "hybrid-only: X25519MLKEM768,secp256r1, refuse a non-hybrid result (exit 3);",
                "classic: x25519,secp256r1, no ML-KEM.",
                "secp256r1 stays listed so ECDSA P-256 server certificates verify."})
    private TlsProfile profile;

    @Option(names = "--groups", paramLabel = "LIST",
            description = "Named groups to offer instead of the profile's, comma-separated, in preference order.")
    private String groups;

    @Option(names = "--key-shares", paramLabel = "LIST",
            description = "Groups whose key shares go into the first ClientHello (default: the profile's if all "
                    + "still offered, else the first group).")
    private String keyShares;

    @Mixin
    private TrustStoreOptions trust;

    @Mixin
    private ClientCertificateOptions certificate;

    @Option(names = "--origin", paramLabel = "URL",
            description = "Origin header to send, as a browser page of that origin would (default: the server's "
                    + "own origin).")
    private String origin;

    @Option(names = "--subprotocol", paramLabel = "NAME",
            description = "Subprotocol to offer; repeatable, in preference order (pqws: pqws.v1, and "
                    + "pqws.ticket.TICKET to present a connection ticket).")
    private List<String> subprotocols = new ArrayList<>();

    @Option(names = "--no-hostname-verification",
            description = "Accept a server certificate that does not name the URL's host (prints a warning).")
    private boolean noHostnameVerification;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Bound for connecting and for each reply (default: ${DEFAULT-VALUE}).")
    private double timeoutSeconds;

    @Option(names = "--binary", description = "Send the messages as binary frames (UTF-8 bytes).")
    private boolean binary;

    @Option(names = "--json", description = "Print the report and each reply as one JSON object per line.")
    private boolean json;

    @Option(names = "--verbose", description = "Print each failure's chain of causes and let BC and Tyrus log.")
    private boolean verbose;

    @Mixin
    private HelpOption help;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClientTlsSettings settings = tlsSettings();
        Duration timeout = timeout();
        if (noHostnameVerification) {
            err.println("pqws-client: warning: hostname verification is off; any server with a trusted certificate "
                    + "can pose as " + url.getHost());
            err.flush();
        }
        HandshakeOptions handshake = handshakeOptions();
        try (WssConnection connection = new WssClient(settings).connect(url, timeout, handshake)) {
            out.println(json ? ReportFormat.json(url, connection.handshake())
                    : ReportFormat.text(url, connection.handshake()));
            out.flush();
            Iterator<String> toSend = messageSource();
            while (toSend.hasNext()) {
                String message = toSend.next();
                if (binary) {
                    connection.sendBinary(message.getBytes(StandardCharsets.UTF_8));
                } else {
                    connection.sendText(message);
                }
                WsMessage reply = connection.nextMessage(timeout);
                out.println(json ? ReportFormat.jsonReply(reply) : ReportFormat.textReply(reply));
                out.flush();
            }
            return PqwsClient.OK;
        } catch (WssClientException e) {
            PqwsClient.printFailure(err, e.getMessage(), e, verbose);
            return PqwsClient.exitCode(e.kind());
        } catch (UncheckedIOException e) {
            PqwsClient.printFailure(err, "cannot read standard input: " + e.getCause().getMessage());
            return PqwsClient.INTERNAL_ERROR;
        }
    }

    /** The TLS settings these options describe; a {@link ParameterException} (exit 1) when they are invalid. */
    ClientTlsSettings tlsSettings() {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("wss") && !scheme.equals("ws")) {
            throw usage("URL must start with wss:// or ws://: " + url);
        }
        if (url.getHost() == null) {
            throw usage("no host in URL " + url);
        }
        List<String> groupList = groups == null ? null : checked("--groups", groups);
        List<String> shareList = keyShares == null ? null : checked("--key-shares", keyShares);
        ClientTlsSettings settings = ClientTlsSettings.of(profile);
        try {
            if (groupList != null) {
                settings = settings.withNamedGroups(groupList);
            }
        } catch (IllegalArgumentException e) {
            throw usage("--groups: " + e.getMessage() + " (profile " + profile + ")");
        }
        try {
            if (shareList != null) {
                settings = settings.withEarlyKeyShares(shareList);
            }
        } catch (IllegalArgumentException e) {
            throw usage("--key-shares: " + e.getMessage());
        }
        try {
            settings = certificate.applyTo(trust.applyTo(settings));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        return settings.withHostnameVerification(!noHostnameVerification);
    }

    /** The Origin and subprotocols these options describe; a {@link ParameterException} when invalid. */
    HandshakeOptions handshakeOptions() {
        try {
            return HandshakeOptions.none().withOrigin(origin).withSubprotocols(subprotocols);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** A comma-separated group list with every name known and none twice. */
    private List<String> checked(String option, String commaSeparated) {
        try {
            return GroupNames.canonicalList(GroupNames.split(commaSeparated));
        } catch (IllegalArgumentException e) {
            throw usage(option + ": " + e.getMessage());
        }
    }

    Duration timeout() {
        try {
            return TimeoutSeconds.toDuration(timeoutSeconds, 86_400);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** The messages as given, or the lines of standard input (read lazily, so replies interleave with input). */
    Iterator<String> messageSource() {
        boolean fromStdin = messages.equals(List.of("-")) || (messages.isEmpty() && !parent.stdinIsTerminal());
        if (!fromStdin) {
            return messages.iterator();
        }
        return new BufferedReader(new InputStreamReader(parent.stdin(), StandardCharsets.UTF_8)).lines().iterator();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** {@code hybrid}, {@code hybrid-only}, {@code classic}. */
    static final class ProfileConverter implements ITypeConverter<TlsProfile> {
        @Override
        public TlsProfile convert(String value) {
            try {
                return TlsProfile.fromCliName(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
