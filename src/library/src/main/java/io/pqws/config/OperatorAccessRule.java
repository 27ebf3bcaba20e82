package io.pqws.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which clients may read the operator pages (the Prometheus metrics, the status page and its data): the value of
 * {@value PqwsSettings#OPERATOR_ALLOWED_CLIENTS}, a comma-separated list of {@code loopback} (127.0.0.0/8 and ::1),
 * address ranges in CIDR notation, single addresses, or {@code any}.
 *
 * <p>Why loopback by default: the metrics say which clients are not quantum-safe and how busy each endpoint is; that
 * is for operators, and a Prometheus server or a person on the host itself reaches loopback. A scraper elsewhere is let
 * in by its address range; {@code any} is for a deployment that protects the paths in front of the container (a
 * reverse proxy, a network policy). The address is the TCP peer's, or, from a TLS-terminating proxy listed in
 * {@value PqwsSettings#PROXY_TRUSTED}, the client address that proxy reported: a proxy on the same host would otherwise
 * make every visitor look like loopback. Forwarding headers from any other peer are never believed.
 */
public record OperatorAccessRule(boolean any, boolean loopback, List<AddressRange> ranges) {

    static final String DEFAULT = "loopback";

    public OperatorAccessRule {
        ranges = List.copyOf(ranges);
    }

    /**
     * @throws IllegalArgumentException naming the entry that is not {@code loopback}, {@code any} or an address range
     */
    static OperatorAccessRule parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("is empty; use loopback, any, or address ranges such as 10.0.0.0/8");
        }
        boolean any = false;
        boolean loopback = false;
        List<AddressRange> ranges = new ArrayList<>();
        for (String entry : value.split(",", -1)) {
            String item = entry.strip().toLowerCase(Locale.ROOT);
            switch (item) {
                case "any" -> any = true;
                case "loopback" -> loopback = true;
                case "" -> throw new IllegalArgumentException("'" + value + "' has an empty entry");
                default -> {
                    try {
                        ranges.add(AddressRange.parse(item));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(e.getMessage()
                                + " (expected loopback, any, an address or an address range such as 10.0.0.0/8)", e);
                    }
                }
            }
        }
        if (any && (loopback || !ranges.isEmpty())) {
            throw new IllegalArgumentException("'" + value + "': 'any' cannot be combined with other entries");
        }
        return new OperatorAccessRule(any, loopback, ranges);
    }

    /** Whether a client with this address (a literal) may read the pages. */
    public boolean allows(String clientAddress) {
        InetAddress client;
        try {
            client = AddressRange.literal(clientAddress);
        } catch (IllegalArgumentException e) {
            return false; // not an address (e.g. a Unix socket peer): not an allowed client
        }
        return any || (loopback && client.isLoopbackAddress()) || ranges.stream().anyMatch(r -> r.contains(client));
    }

    @Override
    public String toString() {
        if (any) {
            return "any client";
        }
        List<String> parts = new ArrayList<>();
        if (loopback) {
            parts.add("loopback");
        }
        parts.addAll(ranges.stream().map(AddressRange::toString).collect(Collectors.toList()));
        return String.join(", ", parts);
    }
}
