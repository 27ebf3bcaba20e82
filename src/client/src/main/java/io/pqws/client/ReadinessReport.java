package io.pqws.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;

/**
 * The whole server's hybrid-only readiness, read from a pqws server's {@code /api/status} ({@code server} and
 * {@code clients}, which the PQWS provider's counts fill), and written as the lines {@code pqws-client readiness}
 * prints: the share of handshakes whose client offered a hybrid group, the groups served, and the clients the
 * hybrid-only profile would refuse, by fingerprint, with a User-Agent where pqws saw one.
 *
 * @param profile            the server JVM's PQ profile
 * @param handshakes         completed server handshakes
 * @param hybridOfferedRatio the share of them whose client named a hybrid group (0-1)
 * @param withoutHybridOffer those whose client did not: hybrid-only would refuse them
 * @param byGroup            completed handshakes by group
 * @param refused            the clients hybrid-only would refuse, most handshakes first
 * @param overflow           handshakes of rare fingerprints the server did not keep
 */
record ReadinessReport(String profile, long handshakes, double hybridOfferedRatio, long withoutHybridOffer,
        Map<String, Long> byGroup, List<Client> refused, long overflow) {

    /** A client by its JA4 fingerprint, as the status lists it. */
    record Client(String fingerprint, long handshakes, String versions, String lastSeen, String userAgent) {
    }

    /**
     * @throws IllegalArgumentException when the status holds no handshake counts (its JVM runs no PQ profile), or is
     *                                  not a pqws status at all
     */
    static ReadinessReport of(JsonObject status) {
        if (status.isNull("server") || status.isNull("clients")) {
            throw new IllegalArgumentException("the server reports no TLS handshake counts: its JVM runs no PQ "
                    + "profile (see pq-profile/), or no TLS connection was made yet");
        }
        try {
            JsonObject server = status.getJsonObject("server");
            JsonObject clients = status.getJsonObject("clients");
            Map<String, Long> byGroup = new TreeMap<>();
            server.getJsonObject("byGroup").forEach((group, count) -> byGroup.put(group,
                    ((JsonNumber) count).longValue()));
            List<Client> refused = new ArrayList<>();
            for (JsonObject client : clients.getJsonArray("wouldBeRefused").getValuesAs(JsonObject.class)) {
                refused.add(new Client(client.getString("fingerprint"), client.getJsonNumber("handshakes").longValue(),
                        client.getString("versions"), client.getString("lastSeen"), client.getString("userAgent")));
            }
            return new ReadinessReport(status.getString("profile"), server.getJsonNumber("handshakes").longValue(),
                    server.getJsonNumber("hybridOfferedRatio").doubleValue(),
                    server.getJsonNumber("withoutHybridOffer").longValue(), byGroup, refused,
                    clients.getJsonNumber("overflow").longValue());
        } catch (NullPointerException | ClassCastException missingOrMistyped) {
            // jakarta.json's getters answer a missing member with null, a mistyped one with ClassCastException
            throw new IllegalArgumentException("not a pqws status: a member is missing or of the wrong type ("
                    + missingOrMistyped + ")", missingOrMistyped);
        }
    }

    /** Whether every completed handshake offered a hybrid group, so hybrid-only would refuse none of these clients. */
    boolean ready() {
        return withoutHybridOffer == 0;
    }

    String text() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "profile: %s%n", profile));
        out.append(String.format(Locale.ROOT, "handshakes: %d completed, %.1f %% offered a hybrid group, %d did not%n",
                handshakes, hybridOfferedRatio * 100, withoutHybridOffer));
        StringBuilder groups = new StringBuilder();
        byGroup.forEach((group, count) -> groups.append(groups.length() == 0 ? "" : ", ").append(group).append(' ')
                .append(count));
        out.append("groups served: ").append(groups.length() == 0 ? "none yet" : groups).append(System.lineSeparator());
        if (refused.isEmpty()) {
            out.append("hybrid-only would refuse: no client seen so far").append(System.lineSeparator());
        } else {
            out.append("hybrid-only would refuse (fingerprint, handshakes, versions, last seen, User-Agent):")
                    .append(System.lineSeparator());
            for (Client client : refused) {
                out.append(String.format(Locale.ROOT, "  %s  %d  %s  %s  %s%n", client.fingerprint(),
                        client.handshakes(), client.versions(), client.lastSeen(),
                        client.userAgent().isEmpty() ? "-" : client.userAgent()));
            }
        }
        if (overflow > 0) {
            out.append(String.format(Locale.ROOT, "not listed: %d handshakes of rare fingerprints%n", overflow));
        }
        return out.toString().stripTrailing();
    }
}
