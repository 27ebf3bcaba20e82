package io.pqws.metrics;

import java.util.Map;
import java.util.TreeMap;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * The status page's data: the live post-quantum share, per-endpoint counts and the latest sessions, as one JSON
 * object.
 *
 * <p>Why JSON of its own next to the Prometheus text: the page needs the latest sessions, which are not metrics, and a
 * browser reads JSON without a parser for the exposition format. Both are rendered from the same snapshot.
 */
final class StatusJson {

    /** The page lists at most this many of the clients hybrid-only would refuse. */
    static final int MAX_CLIENTS = 20;

    private StatusJson() {
    }

    /**
     * @param containerIdleTimer what {@code io.pqws.container.ContainerIdleTimers} did to the container's per-message
     *                           idle timer: {@code switched-off}, {@code not-needed} or {@code failed: ...}
     */
    static JsonObject of(MetricsSnapshot snapshot, String containerIdleTimer) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("profile", snapshot.profile())
                .add("containerIdleTimer", containerIdleTimer)
                .add("sessions", Json.createObjectBuilder()
                        .add("opened", snapshot.sessionsOpened())
                        .add("hybrid", snapshot.sessionsHybrid())
                        .add("hybridRatio", snapshot.hybridRatio())
                        .add("active", snapshot.sessionsActive()))
                .add("messagesCounted", snapshot.messagesCounted());
        JsonArrayBuilder endpoints = Json.createArrayBuilder();
        for (EndpointSnapshot endpoint : snapshot.endpoints().values()) {
            JsonObjectBuilder closes = Json.createObjectBuilder();
            endpoint.closes().forEach((code, count) -> closes.add(Integer.toString(code), count));
            JsonObjectBuilder row = Json.createObjectBuilder()
                    .add("endpoint", endpoint.endpoint())
                    .add("opened", endpoint.openedTotal())
                    .add("hybrid", endpoint.openedHybrid())
                    .add("hybridRatio", endpoint.hybridRatio())
                    .add("active", endpoint.active())
                    .add("errors", endpoint.errors())
                    .add("closes", closes);
            if (snapshot.messagesCounted()) {
                row.add("messagesReceived", endpoint.messagesReceived()).add("messagesSent", endpoint.messagesSent());
            }
            endpoints.add(row);
        }
        json.add("endpoints", endpoints);
        JsonArrayBuilder recent = Json.createArrayBuilder();
        for (RecentSession session : snapshot.recent()) {
            recent.add(Json.createObjectBuilder()
                    .add("sequence", session.sequence())
                    .add("openedAt", session.openedAt().toString())
                    .add("endpoint", session.endpoint())
                    .add("group", session.labels().group())
                    .add("protocol", session.labels().protocol())
                    .add("cipherSuite", session.labels().cipherSuite())
                    .add("hybrid", session.labels().hybrid())
                    .add("tlsReportedBy", session.labels().reportedBy()));
        }
        json.add("recent", recent);
        if (snapshot.handshakeFailuresCounted()) {
            JsonObjectBuilder failures = Json.createObjectBuilder();
            for (Map.Entry<String, Long> failure : snapshot.handshakeFailures().entrySet()) {
                failures.add(failure.getKey(), failure.getValue());
            }
            json.add("handshakeFailures", failures);
        } else {
            json.addNull("handshakeFailures");
        }
        if (snapshot.serverHandshakesCounted()) {
            JsonObjectBuilder byGroup = Json.createObjectBuilder();
            Map<String, Long> groups = new TreeMap<>();
            snapshot.serverHandshakes().forEach((labels, count) -> {
                if (labels.completed()) {
                    groups.merge(labels.group(), count, Long::sum);
                }
            });
            groups.forEach(byGroup::add);
            json.add("server", Json.createObjectBuilder()
                    .add("handshakes", snapshot.handshakesCompleted())
                    .add("hybridOfferedRatio", snapshot.handshakesHybridOfferedRatio())
                    .add("withoutHybridOffer", snapshot.handshakesWithoutHybridOffer())
                    .add("byGroup", byGroup));
        } else {
            json.addNull("server");
        }
        if (snapshot.clients().available()) {
            JsonArrayBuilder refused = Json.createArrayBuilder();
            snapshot.clientsWithoutHybrid().stream().limit(MAX_CLIENTS).forEach(client -> refused.add(
                    Json.createObjectBuilder()
                            .add("fingerprint", client.fingerprint())
                            .add("handshakes", client.withoutHybrid())
                            .add("versions", client.versions())
                            .add("lastSeen", client.lastSeen().toString())
                            .add("userAgent", client.userAgent())));
            json.add("clients", Json.createObjectBuilder()
                    .add("fingerprints", snapshot.clients().rows().size())
                    .add("overflow", snapshot.clients().overflow())
                    .add("wouldBeRefused", refused));
        } else {
            json.addNull("clients");
        }
        return json.build();
    }
}
