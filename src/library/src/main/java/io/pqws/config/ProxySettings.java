package io.pqws.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The TLS-terminating reverse proxies this server believes, and the request headers in which they report the
 * client's TLS facts and address: the {@code pqws.proxy.*} settings (docs/behind-a-proxy.md).
 *
 * <p>Why trust is given by TCP peer address and nothing else: behind a proxy that terminates TLS, the container sees
 * only the proxy's hop, so the group a user negotiated can only come from headers the proxy sets. Anyone can send
 * such headers, so they count only on a connection whose TCP peer is a listed proxy (whose configuration overwrites
 * whatever the client sent under those names). Why no {@code any} and no {@code /0}: a rule that trusts every peer
 * lets every client forge its own "quantum-safe"; the default trusts nobody.
 *
 * @param trustsLoopback      whether a proxy on this host (127.0.0.0/8, ::1) is trusted
 * @param trustedRanges       further addresses or ranges of trusted proxies
 * @param groupHeader         the header carrying the negotiated key-exchange group (nginx {@code $ssl_curve})
 * @param protocolHeader      the header carrying the TLS protocol version (nginx {@code $ssl_protocol})
 * @param cipherHeader        the header carrying the cipher suite (nginx {@code $ssl_cipher})
 * @param clientAddressHeader the header carrying the client's own address (nginx {@code $remote_addr})
 */
public record ProxySettings(boolean trustsLoopback, List<AddressRange> trustedRanges, String groupHeader,
        String protocolHeader, String cipherHeader, String clientAddressHeader) {

    static final String NONE = "none";
    static final String DEFAULT_GROUP_HEADER = "X-TLS-Group";
    static final String DEFAULT_PROTOCOL_HEADER = "X-TLS-Protocol";
    static final String DEFAULT_CIPHER_HEADER = "X-TLS-Cipher";
    static final String DEFAULT_CLIENT_ADDRESS_HEADER = "X-Real-IP";

    /** An HTTP field name (RFC 9110 token), so a typo such as a space or a colon is caught at start-up. */
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");

    public ProxySettings {
        trustedRanges = List.copyOf(trustedRanges);
    }

    /** Whether no proxy is trusted (the default): every forwarding header is ignored. */
    public boolean trustsNobody() {
        return !trustsLoopback && trustedRanges.isEmpty();
    }

    /** Whether the TCP peer with this address (a literal, as the container reports it) is a trusted proxy. */
    public boolean trusts(String peerAddress) {
        if (trustsNobody()) {
            return false;
        }
        InetAddress peer;
        try {
            peer = AddressRange.literal(peerAddress);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return (trustsLoopback && peer.isLoopbackAddress()) || trustedRanges.stream().anyMatch(r -> r.contains(peer));
    }

    /**
     * Parses {@code pqws.proxy.trusted}: {@code none}, or a comma-separated list of {@code loopback}, addresses and
     * address ranges.
     *
     * @throws IllegalArgumentException naming the entry that is not accepted, and why
     */
    static TrustedPeers parseTrusted(String value) {
        boolean loopback = false;
        List<AddressRange> ranges = new ArrayList<>();
        if (value.strip().equalsIgnoreCase(NONE)) {
            return new TrustedPeers(false, ranges);
        }
        for (String entry : value.split(",", -1)) {
            String item = entry.strip().toLowerCase(Locale.ROOT);
            switch (item) {
                case "loopback" -> loopback = true;
                case "" -> throw new IllegalArgumentException("'" + value + "' has an empty entry");
                case "any", NONE -> throw new IllegalArgumentException("'" + item + "' cannot be listed: name each "
                        + "trusted proxy by address or range (or set none alone); trusting any peer would let every "
                        + "client forge its TLS facts");
                default -> {
                    AddressRange range;
                    try {
                        range = AddressRange.parse(item);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(e.getMessage()
                                + " (expected none, loopback, an address or an address range such as 10.0.0.5/32)", e);
                    }
                    if (range.prefixLength() == 0) {
                        throw new IllegalArgumentException("'" + item + "' trusts every address, so any client "
                                + "could forge its TLS facts; list the proxies' own addresses");
                    }
                    ranges.add(range);
                }
            }
        }
        return new TrustedPeers(loopback, ranges);
    }

    /** The parsed value of {@code pqws.proxy.trusted}. */
    record TrustedPeers(boolean loopback, List<AddressRange> ranges) {
    }

    /** @throws IllegalArgumentException if {@code name} is not an HTTP field name */
    static String fieldName(String name) {
        String trimmed = name.strip();
        if (!FIELD_NAME.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not an HTTP header name (letters, digits, '-', at "
                    + "most 64 characters)");
        }
        return trimmed;
    }

    @Override
    public String toString() {
        if (trustsNobody()) {
            return "no trusted proxy";
        }
        List<String> parts = new ArrayList<>();
        if (trustsLoopback) {
            parts.add("loopback");
        }
        parts.addAll(trustedRanges.stream().map(AddressRange::toString).collect(Collectors.toList()));
        return "trusted proxies " + String.join(", ", parts) + " reporting in " + groupHeader + ", " + protocolHeader
                + ", " + cipherHeader + ", " + clientAddressHeader;
    }
}
