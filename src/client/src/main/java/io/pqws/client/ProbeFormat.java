package io.pqws.client;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

/**
 * How {@code pqws-client probe} prints a {@link ProbeReport}: aligned text for people, one JSON object ({@code --json})
 * for scripts. Both carry the same facts; the JSON keeps every handshake's details.
 */
final class ProbeFormat {

    private ProbeFormat() {
    }

    static String text(ProbeReport report, ProbeReport.Requirement requirement) {
        AlignedText text = new AlignedText("TLS probe of " + report.host() + ":" + report.port(), 20);
        text.line("TLS versions", report.versions().entrySet().stream()
                .map(e -> e.getKey() + " " + yesNo(e.getValue().completed())).collect(Collectors.joining(", "))
                + " (TLS 1.0/1.1 not probed: disabled in this client)");
        for (Map.Entry<String, HandshakeOutcome> group : report.hybridGroups().entrySet()) {
            HandshakeOutcome outcome = group.getValue();
            String detail = report.accepts(group.getKey()) ? "accepted"
                    : outcome.completed() ? "not accepted (the server chose " + outcome.namedGroup() + ")"
                    : "not accepted (" + outcome.failure() + ")";
            text.line(group.getKey(), detail);
        }
        text.line("hybrid client", served(report.hybridShareFirst()));
        text.line("x25519-share client", served(report.classicShareOnly()));
        text.line("classic-only client", served(report.classicOnly()));
        text.line("hybrid-only", report.hybridOnly() ? "yes: clients without a hybrid group are refused"
                : report.classicOnly().completed() ? "no: clients without a hybrid group are served"
                : "no: hybrid-capable clients are not served a hybrid group either");
        List<CertificateSummary> chain = report.chain();
        if (chain.isEmpty()) {
            text.line("certificate chain", "(none seen)");
        }
        for (int i = 0; i < chain.size(); i++) {
            text.line(i == 0 ? "certificate chain" : "", certificate(chain.get(i)));
        }
        if (report.mlDsaChainOffered()) {
            List<CertificateSummary> pq = report.mlDsaClient().chain();
            for (int i = 0; i < pq.size(); i++) {
                text.line(i == 0 ? "to ML-DSA clients" : "", certificate(pq.get(i)));
            }
        } else {
            text.line("to ML-DSA clients", "the same chain (no ML-DSA chain offered)");
        }
        if (requirement != null) {
            String verdict = report.meets(requirement) ? "met" : "NOT met: " + report.shortfall(requirement);
            text.line("--require " + cliName(requirement), verdict);
        }
        return text.toString();
    }

    static String json(ProbeReport report, ProbeReport.Requirement requirement) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("host", report.host())
                .add("port", report.port());
        JsonObjectBuilder versions = Json.createObjectBuilder();
        report.versions().forEach((version, outcome) -> versions.add(version, outcome.completed()));
        json.add("tlsVersions", versions);
        JsonObjectBuilder groups = Json.createObjectBuilder();
        report.hybridGroups().keySet().forEach(group -> groups.add(group, report.accepts(group)));
        json.add("hybridGroupsAccepted", groups);
        json.add("servesHybrid", report.servesHybrid());
        json.add("acceptsClassicOnlyClients", report.classicOnly().completed());
        json.add("hybridOnly", report.hybridOnly());
        json.add("helloRetryRequest", Json.createObjectBuilder()
                .add("hybridKeyShareFirst", report.hybridShareFirst().helloRetryRequest())
                .add("x25519KeyShareOnly", report.classicShareOnly().helloRetryRequest()));
        json.add("certificateChain", chain(report.chain()));
        json.add("mlDsaChainOffered", report.mlDsaChainOffered());
        json.add("certificateChainForMlDsaClients", chain(report.mlDsaClient().chain()));
        if (requirement == null) {
            json.addNull("requirement");
        } else {
            JsonObjectBuilder verdict = Json.createObjectBuilder()
                    .add("required", cliName(requirement))
                    .add("met", report.meets(requirement));
            String shortfall = report.shortfall(requirement);
            if (shortfall == null) {
                verdict.addNull("shortfall");
            } else {
                verdict.add("shortfall", shortfall);
            }
            json.add("requirement", verdict);
        }
        JsonObjectBuilder handshakes = Json.createObjectBuilder();
        report.versions().forEach((version, outcome) -> handshakes.add("only " + version, outcome(outcome)));
        report.hybridGroups().forEach((group, outcome) -> handshakes.add("only " + group, outcome(outcome)));
        handshakes.add("classic-only client", outcome(report.classicOnly()));
        handshakes.add("hybrid client", outcome(report.hybridShareFirst()));
        handshakes.add("x25519-share client", outcome(report.classicShareOnly()));
        handshakes.add("ML-DSA client", outcome(report.mlDsaClient()));
        json.add("handshakes", handshakes);
        return JsonText.write(json.build());
    }

    static String cliName(ProbeReport.Requirement requirement) {
        return requirement.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static JsonObjectBuilder outcome(HandshakeOutcome outcome) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("completed", outcome.completed());
        JsonText.addNullable(json, "protocol", outcome.protocol());
        JsonText.addNullable(json, "cipherSuite", outcome.cipherSuite());
        JsonText.addNullable(json, "namedGroup", outcome.namedGroup());
        json.add("hybridPostQuantum", outcome.hybrid());
        json.add("helloRetryRequest", outcome.helloRetryRequest());
        JsonText.addNullable(json, "helloRetryGroup", outcome.helloRetryGroup());
        JsonText.addNullable(json, "failure", outcome.failure());
        json.add("handshakeMicros", outcome.handshakeNanos() / 1000);
        return json;
    }

    private static JsonArrayBuilder chain(List<CertificateSummary> chain) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (CertificateSummary certificate : chain) {
            array.add(Json.createObjectBuilder().add("subject", certificate.subject())
                    .add("publicKey", certificate.publicKey())
                    .add("signatureAlgorithm", certificate.signatureAlgorithm()));
        }
        return array;
    }

    private static String served(HandshakeOutcome outcome) {
        if (!outcome.completed()) {
            return "refused (" + outcome.failure() + ")";
        }
        String retry = outcome.helloRetryRequest()
                ? ", after a HelloRetryRequest for " + outcome.helloRetryGroup()
                : ", no HelloRetryRequest";
        return (outcome.namedGroup() == null ? "(no group)" : outcome.namedGroup())
                + (outcome.hybrid() ? " (hybrid PQ)" : "") + " in " + outcome.protocol() + retry;
    }

    private static String certificate(CertificateSummary certificate) {
        return certificate.subject() + ": " + certificate.publicKey() + " key, signed with "
                + certificate.signatureAlgorithm();
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
