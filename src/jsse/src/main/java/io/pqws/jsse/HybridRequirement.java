package io.pqws.jsse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The require-hybrid decision on one ClientHello, made before Bouncy Castle sees it.
 *
 * <p>The rule predicts Bouncy Castle's own choice instead of approximating it. With
 * {@code useNamedGroupsOrder=true}, a BCJSSE TLS 1.3 server selects the first group of <em>its</em> list that the
 * client names in {@code supported_groups} (asking for a HelloRetryRequest when the client sent no key share for it;
 * {@code TlsUtils.selectKeyShareGroup}). So the ClientHello is accepted exactly when that first group is a hybrid.
 * The server list is the one Bouncy Castle really uses, learned from Bouncy Castle itself ({@link GroupProbe}), not
 * re-parsed from {@code jdk.tls.namedGroups}.
 *
 * @param serverGroups the context's effective TLS 1.3 groups, in server preference order
 */
record HybridRequirement(List<Integer> serverGroups) {

    static final String NO_HYBRID = "client offered no hybrid post-quantum key exchange group; this server requires one";

    HybridRequirement {
        serverGroups = List.copyOf(serverGroups);
    }

    /**
     * Why the ClientHello must be refused; {@code misconfiguration} marks a server-side cause worth a loud log.
     * {@link #counterName()} is the short reason the failure is counted under ({@link HandshakeFailures}).
     */
    record Refusal(String reason, boolean misconfiguration, String counterName) {

        Refusal(String reason, boolean misconfiguration) {
            this(reason, misconfiguration, misconfiguration ? HandshakeFailures.SERVER_MISCONFIGURATION
                    : HandshakeFailures.NO_HYBRID_GROUP);
        }
    }

    /**
     * @param engineGroups the engine's own {@code BCSSLParameters} named groups, or {@code null} when it uses the
     *                     context's
     * @param tls13Enabled whether the engine has TLS 1.3 among its enabled protocols
     */
    Optional<Refusal> check(ClientHello hello, String[] engineGroups, boolean tls13Enabled) {
        if (!tls13Enabled) {
            return Optional.of(new Refusal("this server's engine has TLS 1.3 disabled, but a hybrid post-quantum key "
                    + "exchange exists only in TLS 1.3; enable TLSv1.3 (jdk.tls.server.protocols)", true));
        }
        if (!hello.offersTls13()) {
            return Optional.of(new Refusal("client did not offer TLS 1.3 (supported_versions); this server requires a "
                    + "hybrid post-quantum key exchange group, which exists only in TLS 1.3", false,
                    HandshakeFailures.NO_TLS13));
        }
        if (hello.supportedGroups().isEmpty()) {
            return Optional.of(new Refusal(NO_HYBRID + " (the ClientHello has no supported_groups extension)", false));
        }
        Optional<List<Integer>> resolved = serverOrder(engineGroups);
        if (resolved.isEmpty()) {
            return Optional.of(new Refusal("this server's engine sets named groups " + String.join(",", engineGroups)
                    + " that pqws cannot map to code points, so it cannot predict the group the server will "
                    + "select", true));
        }
        List<Integer> server = resolved.get();
        Integer selected = select(server, hello.supportedGroups(), true).orElse(null);
        if (selected == null || !Groups.isHybrid(selected)) {
            String detail = selected == null
                    ? "client offered " + Groups.names(hello.supportedGroups()) + ", server accepts " + Groups.names(server)
                    : "server order selects " + Groups.name(selected) + " from the client's "
                            + Groups.names(hello.supportedGroups());
            return Optional.of(new Refusal(NO_HYBRID + " (" + detail + ")", false));
        }
        return Optional.empty();
    }

    /**
     * The group a server engine with these groups selects for the ClientHello in a full handshake of {@code protocol}
     * ({@code TLSv1.3}, or an earlier one, where no hybrid group exists): the rule above, empty when none is common or
     * the engine's groups cannot be mapped.
     */
    Optional<Integer> selectedGroup(ClientHello hello, String[] engineGroups, String protocol) {
        return serverOrder(engineGroups).flatMap(server -> select(server, hello.supportedGroups(),
                "TLSv1.3".equals(protocol)));
    }

    private static Optional<Integer> select(List<Integer> server, List<Integer> client, boolean tls13) {
        return server.stream().filter(client::contains).filter(group -> tls13 || !Groups.isHybrid(group))
                .findFirst();
    }

    /** The engine's own groups when it sets them, else the context's; empty when they cannot be mapped. */
    private Optional<List<Integer>> serverOrder(String[] engineGroups) {
        return engineGroups == null ? Optional.of(serverGroups) : resolve(engineGroups);
    }

    /**
     * Maps an engine's explicit group names the way Bouncy Castle does. A hybrid the context could not use is dropped
     * (Bouncy Castle drops it too); an unknown name makes the prediction impossible.
     */
    private Optional<List<Integer>> resolve(String[] names) {
        List<Integer> groups = new ArrayList<>(names.length);
        for (String name : names) {
            Optional<Integer> codePoint = Groups.codePoint(name);
            if (codePoint.isEmpty()) {
                return Optional.empty();
            }
            int group = codePoint.get();
            if (Groups.isHybrid(group) && !serverGroups.contains(group)) {
                continue;
            }
            groups.add(group);
        }
        return Optional.of(groups);
    }
}
