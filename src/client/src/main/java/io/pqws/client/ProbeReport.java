package io.pqws.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link ServerProbe} found, and the verdicts an operator asks for.
 *
 * @param host             the probed host
 * @param port             the probed port
 * @param versions         one handshake per TLS version, offering only that version
 * @param hybridGroups     one TLS 1.3 handshake per hybrid group, offering only that group (plus {@code secp256r1})
 * @param classicOnly      a client that offers no hybrid group (TLS 1.3 and 1.2)
 * @param hybridShareFirst a hybrid-capable client sending the X25519MLKEM768 key share up front (as browsers do)
 * @param classicShareOnly the same client sending only an x25519 key share (as older clients do)
 * @param mlDsaClient      a hybrid-capable client that also accepts ML-DSA certificates, ML-DSA first
 */
public record ProbeReport(String host, int port, Map<String, HandshakeOutcome> versions,
        Map<String, HandshakeOutcome> hybridGroups, HandshakeOutcome classicOnly, HandshakeOutcome hybridShareFirst,
        HandshakeOutcome classicShareOnly, HandshakeOutcome mlDsaClient) {

    /** What {@code --require} asks of a server. */
    public enum Requirement {
        /** Hybrid-capable clients get a hybrid post-quantum key exchange. */
        HYBRID,
        /** That, and clients without a hybrid group are refused. */
        HYBRID_ONLY
    }

    public ProbeReport {
        versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
        hybridGroups = Collections.unmodifiableMap(new LinkedHashMap<>(hybridGroups));
    }

    /** Whether the server negotiated exactly this hybrid group when it was the client's only hybrid offer. */
    public boolean accepts(String hybridGroup) {
        HandshakeOutcome outcome = hybridGroups.get(hybridGroup);
        return outcome != null && outcome.completed() && hybridGroup.equals(outcome.namedGroup());
    }

    /** Whether a TLS handshake of any kind completed: the server speaks TLS to this client at all. */
    public boolean reachable() {
        return allOutcomes().stream().anyMatch(HandshakeOutcome::completed);
    }

    /** Whether a hybrid-capable client (the browsers' offer) gets a hybrid group. */
    public boolean servesHybrid() {
        return hybridShareFirst.completed() && hybridShareFirst.hybrid();
    }

    /** Whether clients without a hybrid group are refused, in TLS 1.3 and in TLS 1.2. */
    public boolean hybridOnly() {
        return servesHybrid() && !classicOnly.completed() && !versions.get("TLSv1.2").completed();
    }

    /** Whether the server asks an x25519-only client to retry with another group (an extra round trip). */
    public boolean helloRetryForClassicShare() {
        return classicShareOnly.helloRetryRequest();
    }

    /** Whether the server presents a different chain to a client that accepts ML-DSA. */
    public boolean mlDsaChainOffered() {
        return !mlDsaClient.chain().isEmpty() && mlDsaClient.chain().get(0).publicKey().startsWith("ML-DSA");
    }

    /** The chain an ordinary hybrid-capable client sees. */
    public List<CertificateSummary> chain() {
        return hybridShareFirst.chain().isEmpty() ? classicOnly.chain() : hybridShareFirst.chain();
    }

    /** Whether the server meets the requirement. */
    public boolean meets(Requirement requirement) {
        return requirement == Requirement.HYBRID ? servesHybrid() : hybridOnly();
    }

    /** Why the server does not meet the requirement, in one line, or null when it does. */
    public String shortfall(Requirement requirement) {
        if (meets(requirement)) {
            return null;
        }
        if (!servesHybrid()) {
            return hybridShareFirst.completed()
                    ? "a hybrid-capable client got " + hybridShareFirst.namedGroup() + ", not a hybrid group"
                    : "a hybrid-capable client was refused: " + hybridShareFirst.failure();
        }
        if (classicOnly.completed()) {
            return "a client without a hybrid group was served with " + classicOnly.namedGroup() + " ("
                    + classicOnly.protocol() + ")";
        }
        return "a TLS 1.2 client was served";
    }

    List<HandshakeOutcome> allOutcomes() {
        List<HandshakeOutcome> all = new java.util.ArrayList<>(versions.values());
        all.addAll(hybridGroups.values());
        all.addAll(List.of(classicOnly, hybridShareFirst, classicShareOnly, mlDsaClient));
        return all;
    }
}
