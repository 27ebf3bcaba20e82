package io.pqws.client;

import java.security.KeyStore;
import java.util.List;
import java.util.Objects;

import io.pqws.tls.NamedGroups;

/**
 * Everything the client needs to decide about TLS, fixed before connecting and validated on construction.
 *
 * <p>Why a record rather than setters on the client: the CLI and the integration tests build the same value and
 * hand it to {@link WssClient}, so both run one code path, and an invalid combination (an unknown group, a key share
 * for a group that is not offered, a hybrid-only policy without a hybrid group) is rejected before any socket opens.
 *
 * @param namedGroups          groups offered, in preference order (canonical names such as {@code X25519MLKEM768})
 * @param earlyKeyShares       groups whose key shares go into the first ClientHello, each one of
 *                             {@code namedGroups}; empty leaves the choice to the provider (BC sends x25519)
 * @param trustStore           trust anchors for the server certificate; {@code null} uses the JDK's default trust
 *                             ({@code javax.net.ssl.trustStore} or {@code cacerts})
 * @param clientCertificate    credential for mutual TLS, or {@code null} for none
 * @param hostnameVerification whether the server certificate must match the host of the URL (RFC 2818 rules)
 * @param requireHybrid        refuse the connection unless the negotiated group is a hybrid post-quantum one
 */
public record ClientTlsSettings(List<String> namedGroups, List<String> earlyKeyShares, KeyStore trustStore,
        ClientCertificate clientCertificate, boolean hostnameVerification, boolean requireHybrid) {

    /**
     * A private key and its certificate chain for mutual TLS.
     *
     * @param keyStore a key store holding one private key entry
     * @param password the password of the key store and of the key
     */
    public record ClientCertificate(KeyStore keyStore, char[] password) {
        public ClientCertificate {
            Objects.requireNonNull(keyStore, "keyStore");
            password = password == null ? new char[0] : password.clone();
        }

        @Override
        public char[] password() {
            return password.clone();
        }

        @Override
        public String toString() {
            return "ClientCertificate[keyStore=" + keyStore.getType() + ", password=***]";
        }
    }

    public ClientTlsSettings {
        namedGroups = GroupNames.canonicalList(Objects.requireNonNull(namedGroups, "namedGroups"));
        earlyKeyShares = GroupNames.canonicalList(Objects.requireNonNull(earlyKeyShares, "earlyKeyShares"));
        if (namedGroups.isEmpty()) {
            throw new IllegalArgumentException("no named groups given");
        }
        for (String share : earlyKeyShares) {
            if (!namedGroups.contains(share)) {
                throw new IllegalArgumentException(
                        "key share '" + share + "' is not one of the offered groups " + namedGroups);
            }
        }
        if (requireHybrid && namedGroups.stream().noneMatch(NamedGroups::isHybridPostQuantum)) {
            throw new IllegalArgumentException(
                    "a hybrid-only policy needs a hybrid group among " + namedGroups + " (e.g. X25519MLKEM768)");
        }
    }

    /** The settings of a profile, with the JDK's default trust, no client certificate and hostname verification. */
    public static ClientTlsSettings of(TlsProfile profile) {
        return new ClientTlsSettings(profile.namedGroups(), profile.earlyKeyShares(), null, null, true,
                profile.requireHybrid());
    }

    /**
     * These settings offering other groups. The early key shares become the first group unless they are all still
     * offered, so a custom list never keeps a share for a group it dropped.
     */
    public ClientTlsSettings withNamedGroups(List<String> groups) {
        List<String> canonical = GroupNames.canonicalList(groups);
        List<String> shares = canonical.containsAll(earlyKeyShares) && !earlyKeyShares.isEmpty()
                ? earlyKeyShares
                : canonical.isEmpty() ? List.of() : List.of(canonical.get(0));
        return new ClientTlsSettings(canonical, shares, trustStore, clientCertificate, hostnameVerification,
                requireHybrid);
    }

    public ClientTlsSettings withEarlyKeyShares(List<String> shares) {
        return new ClientTlsSettings(namedGroups, shares, trustStore, clientCertificate, hostnameVerification,
                requireHybrid);
    }

    public ClientTlsSettings withTrustStore(KeyStore store) {
        return new ClientTlsSettings(namedGroups, earlyKeyShares, store, clientCertificate, hostnameVerification,
                requireHybrid);
    }

    public ClientTlsSettings withClientCertificate(ClientCertificate certificate) {
        return new ClientTlsSettings(namedGroups, earlyKeyShares, trustStore, certificate, hostnameVerification,
                requireHybrid);
    }

    public ClientTlsSettings withHostnameVerification(boolean verify) {
        return new ClientTlsSettings(namedGroups, earlyKeyShares, trustStore, clientCertificate, verify,
                requireHybrid);
    }
}
