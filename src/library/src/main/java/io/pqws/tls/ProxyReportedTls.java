package io.pqws.tls;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns what a trusted TLS-terminating proxy wrote in its headers into {@link TlsFacts} labelled as proxy-reported.
 *
 * <p>Why a translation: nginx reports the group as OpenSSL names it ({@code $ssl_curve}): a short name for the classic
 * groups ({@code X25519}, {@code prime256v1}) and, for a group OpenSSL knows only through a provider, its IANA code
 * point in hex ({@code 0x11ec} for X25519MLKEM768 on OpenSSL 3.5 with nginx 1.26). The page, the JSON and the metrics
 * use one name per group ({@link NamedGroups}), whoever negotiated it. Why strict: the values become metric labels, so
 * anything that is not a plausible token is reported as unknown instead of being repeated.
 */
final class ProxyReportedTls {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern CODE_POINT = Pattern.compile("0x[0-9A-Fa-f]{4}");
    private static final Set<String> PROTOCOLS = Set.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
    /** OpenSSL's short names of the classic groups, where they differ from the IANA names. */
    private static final Map<String, String> OPENSSL_NAMES = Map.of(
            "prime256v1", "secp256r1",
            "x25519", "x25519",
            "x448", "x448");

    private ProxyReportedTls() {
    }

    /**
     * The facts of the client's connection to the proxy.
     *
     * @param group    the group header's value, or null if the proxy sent none
     * @param protocol the protocol header's value, or null if the proxy sent none (its own connection was not TLS)
     * @param cipher   the cipher suite header's value, or null
     */
    static TlsFacts of(String group, String protocol, String cipher) {
        if (protocol == null || protocol.isBlank()) {
            return new TlsFacts(false, null, null, null, false, null,
                    "the trusted proxy reported no TLS protocol: the client's connection to it was not TLS", true);
        }
        String knownProtocol = PROTOCOLS.contains(protocol.strip()) ? protocol.strip() : null;
        String knownCipher = cipher != null && TOKEN.matcher(cipher.strip()).matches() ? cipher.strip() : null;
        Optional<String> name = groupName(group);
        String unavailable = null;
        if (name.isEmpty()) {
            unavailable = group == null || group.isBlank() ? "the trusted proxy reported no key-exchange group"
                    : "the trusted proxy reported a group this server does not know";
        }
        String namedGroup = name.orElse(null);
        return new TlsFacts(true, knownProtocol, knownCipher, namedGroup, NamedGroups.isHybridPostQuantum(namedGroup),
                null, unavailable, true);
    }

    /** The standard name of a group as OpenSSL (and so nginx or HAProxy) reports it. */
    static Optional<String> groupName(String reported) {
        if (reported == null) {
            return Optional.empty();
        }
        String value = reported.strip();
        if (CODE_POINT.matcher(value).matches()) {
            return Optional.of(NamedGroups.nameOf(Integer.parseInt(value.substring(2), 16)));
        }
        if (!TOKEN.matcher(value).matches()) {
            return Optional.empty();
        }
        String openSsl = OPENSSL_NAMES.get(value.toLowerCase(Locale.ROOT));
        if (openSsl != null) {
            return Optional.of(openSsl);
        }
        return NamedGroups.codePointOf(value).map(NamedGroups::nameOf);
    }
}
