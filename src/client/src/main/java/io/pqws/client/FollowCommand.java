package io.pqws.client;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pqws-client follow}: prints a chat room's or the notifications' messages as they come, one JSON object per
 * line, and survives the loss of an instance: it reconnects with backoff to the next URL and resumes after the last
 * message it printed ({@link ResumingFollower}).
 */
@Command(name = "follow",
        description = {
            "Follow a pqws chat room (/chat/ROOM) or the notifications (/notifications): print each message from "
                    + "the server as one JSON line. When the connection is lost, reconnect with backoff to the next "
                    + "URL (the same path on every instance of a cluster, or one load-balanced URL) and resume after "
                    + "the last message printed.",
            "Ends with Ctrl+C, or when the server closes the session for good (e.g. 1008).",
            ""},
        footerHeading = "%nExample:%n",
        footer = {
            "  pqws-client follow --truststore certs/dev/truststore.p12 --cert certs/dev/client-alice.p12 \\",
            "      wss://localhost:8441/pqws/notifications wss://localhost:8442/pqws/notifications"},
        exitCodeListHeading = PqwsClient.EXIT_CODES_HEADING,
        exitCodeList = {PqwsClient.EXIT_0, PqwsClient.EXIT_1, PqwsClient.EXIT_2})
final class FollowCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "URL", description = "wss:// URLs of the same endpoint, tried in turn.")
    private List<URI> urls;

    @Mixin
    private TrustStoreOptions trust;

    @Mixin
    private ClientCertificateOptions certificate;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Connect timeout per attempt (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Mixin
    private HelpOption help;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (URI url : urls) {
            if (!"wss".equalsIgnoreCase(url.getScheme()) && !"ws".equalsIgnoreCase(url.getScheme())) {
                throw new ParameterException(spec.commandLine(), "URL must start with wss:// or ws://: " + url);
            }
        }
        if (timeoutSeconds < 1 || timeoutSeconds > 86_400) {
            throw new ParameterException(spec.commandLine(), "--timeout must be 1 to 86400 seconds");
        }
        ResumingFollower follower = new ResumingFollower(new WssClient(tlsSettings()), urls,
                Duration.ofSeconds(timeoutSeconds), event -> {
                    out.println(event);
                    out.flush();
                });
        try {
            String ended = follower.start().await();
            PqwsClient.printFailure(err, "the server ended the session: " + ended);
            return PqwsClient.CONNECTION_FAILED;
        } catch (InterruptedException e) {
            follower.close();
            Thread.currentThread().interrupt();
            return PqwsClient.OK;
        }
    }

    private ClientTlsSettings tlsSettings() {
        try {
            return certificate.applyTo(trust.applyTo(ClientTlsSettings.of(TlsProfile.HYBRID)));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
