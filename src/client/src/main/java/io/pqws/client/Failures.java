package io.pqws.client;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import javax.net.ssl.SSLException;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.glassfish.tyrus.core.HandshakeException;

import io.pqws.client.WssClientException.Kind;

/**
 * Turns whatever Tyrus, Grizzly and BCJSSE threw while connecting into one {@link WssClientException} with a
 * one-line reason a user can act on.
 *
 * <p>Why a class of its own: the interesting cause is buried several wrappers deep ({@code DeploymentException} →
 * {@code SSLHandshakeException} → {@code TlsFatalAlert} → {@code CertificateException}) and differs per failure;
 * keeping the digging in one place keeps the CLI and the tests free of it. The most specific cause wins.
 */
final class Failures {

    private Failures() {
    }

    /** The headers of a refused upgrade's answer shown at most, so that a message stays one readable line. */
    static final int MAX_HEADER_TEXT = 300;

    static WssClientException connectFailure(Throwable failure, URI uri) {
        return connectFailure(failure, uri, Map.of());
    }

    /**
     * Like {@link #connectFailure(Throwable, URI)}, with the headers of the server's answer when it refused the
     * upgrade: they tell which layer answered (a servlet container's error page, a proxy, the WebSocket runtime).
     */
    static WssClientException connectFailure(Throwable failure, URI uri, Map<String, List<String>> answerHeaders) {
        String endpoint = uri.getHost() + ":" + port(uri);

        CertificateException certificate = find(failure, CertificateException.class);
        if (certificate != null && certificate.getMessage() != null) {
            String message = certificate.getMessage();
            if (message.startsWith("No subject alternative name found matching") || message.startsWith("No name found")) {
                return new WssClientException(Kind.TLS, "server certificate does not match host '" + uri.getHost()
                        + "' (" + lowerFirst(message) + "); use a name from its subjectAltName", failure);
            }
        }
        if (find(failure, CertPathBuilderException.class) != null
                || find(failure, CertPathValidatorException.class) != null
                || (certificate != null && "Unable to construct a valid chain".equals(certificate.getMessage()))) {
            return new WssClientException(Kind.TLS,
                    "server certificate not trusted (no path to a trust anchor; check --truststore)", failure);
        }
        TlsFatalAlertReceived received = find(failure, TlsFatalAlertReceived.class);
        ObservedSslEngine.TlsFailure seen = find(failure, ObservedSslEngine.TlsFailure.class);
        if (received != null && seen != null && seen.afterHandshake()) {
            // TLS 1.3: the server checks the client certificate only after our Finished
            return new WssClientException(Kind.TLS, "TLS handshake failed: the server rejected the client "
                    + "certificate or its absence (received fatal alert "
                    + AlertDescription.getName(received.getAlertDescription()) + "; see --cert)", failure);
        }
        if (received != null) {
            return new WssClientException(Kind.TLS, "TLS handshake failed: received fatal alert "
                    + AlertDescription.getName(received.getAlertDescription()) + hint(received.getAlertDescription()),
                    failure);
        }
        TlsFatalAlert raised = find(failure, TlsFatalAlert.class);
        if (raised != null) {
            String detail = certificate != null ? ": " + certificate.getMessage() : "";
            return new WssClientException(Kind.TLS, "TLS handshake failed: "
                    + AlertDescription.getName(raised.getAlertDescription()) + detail, failure);
        }
        if (find(failure, ConnectException.class) != null) {
            return new WssClientException(Kind.CONNECT, "connection refused by " + endpoint, failure);
        }
        UnknownHostException unknownHost = find(failure, UnknownHostException.class);
        if (unknownHost != null) {
            return new WssClientException(Kind.CONNECT, "unknown host '" + uri.getHost() + "'", failure);
        }
        if (find(failure, NoRouteToHostException.class) != null) {
            return new WssClientException(Kind.CONNECT, "no route to " + endpoint, failure);
        }
        HandshakeException upgrade = find(failure, HandshakeException.class);
        if (upgrade != null) {
            return refusedUpgrade(upgrade.getHttpStatusCode(), uri, answerHeaders, failure);
        }
        UpgradeAnswer.RefusedAndClosed closed = find(failure, UpgradeAnswer.RefusedAndClosed.class);
        if (closed != null) {
            return refusedUpgrade(closed.answer().status(), uri, closed.answer().headers(), failure);
        }
        SSLException ssl = find(failure, SSLException.class);
        if (ssl != null) {
            return new WssClientException(Kind.TLS, "TLS handshake failed: " + innermostMessage(ssl), failure);
        }
        if (find(failure, TimeoutException.class) != null) {
            return new WssClientException(Kind.TIMEOUT, "no WebSocket connection to " + endpoint + " in time",
                    failure);
        }
        if (find(failure, EOFException.class) != null) {
            return new WssClientException(Kind.CONNECT, "connection closed by " + endpoint + " during the handshake",
                    failure);
        }
        if (find(failure, IOException.class) != null) {
            return new WssClientException(Kind.CONNECT, "connection to " + endpoint + " failed: "
                    + innermostMessage(failure), failure);
        }
        return new WssClientException(Kind.CONNECT, "connection to " + endpoint + " failed: "
                + innermostMessage(failure), failure);
    }

    private static WssClientException refusedUpgrade(int status, URI uri, Map<String, List<String>> headers,
            Throwable failure) {
        return new WssClientException(Kind.CONNECT, "WebSocket upgrade refused: HTTP " + status + " for "
                + uri.getPath() + headerText(headers), failure);
    }

    /** {@code " (Name: value; Name: value)"}, cut to {@link #MAX_HEADER_TEXT} characters, or nothing. */
    static String headerText(Map<String, List<String>> headers) {
        if (headers.isEmpty()) {
            return "";
        }
        String text = headers.entrySet().stream().filter(h -> h.getKey() != null)
                .map(h -> h.getKey() + ": " + String.join(", ", h.getValue())).collect(Collectors.joining("; "));
        return " (" + (text.length() > MAX_HEADER_TEXT ? text.substring(0, MAX_HEADER_TEXT) + "..." : text) + ")";
    }

    private static String hint(short alert) {
        switch (alert) {
            case AlertDescription.handshake_failure:
                return " (no common named group, signature scheme or cipher suite; try another --profile)";
            case AlertDescription.certificate_required:
            case AlertDescription.bad_certificate:
            case AlertDescription.certificate_unknown:
                return " (the server did not accept our client certificate; see --cert)";
            default:
                return "";
        }
    }

    static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "wss".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** The first throwable of this type in the cause chain (cycle-safe). */
    static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /**
     * The failure and each of its causes on one line each ({@code caused by: Type: message}), for {@code --verbose}:
     * the context an operator needs to tell a TLS alert from a refused connection, without a stack trace.
     */
    static List<String> causeChain(Throwable failure) {
        List<String> lines = new ArrayList<>();
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            String message = t.getMessage() == null || t.getMessage().isBlank() ? "" : ": " + t.getMessage();
            lines.add((depth == 0 ? "" : "caused by: ") + t.getClass().getName() + message);
        }
        return lines;
    }

    /** The message of the deepest cause that has one, or the type of the failure when none does. */
    static String innermostMessage(Throwable failure) {
        String message = null;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message != null ? message : failure.getClass().getSimpleName();
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
    }
}
