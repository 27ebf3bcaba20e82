package io.pqws.profile;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code security.provider.N} entries of a profile's {@code java.security} overlay, and its
 * {@code jdk.security.provider.preferred} list.
 *
 * <p>Why the order is checked: the JDK takes the first provider that offers an algorithm. The profiles rely on
 * the PQWS policy provider, then BCJSSE, answering {@code SSLContext.getInstance("TLS")}, and on
 * {@code BouncyCastleProvider} coming last (first, it takes over PKCS12 key stores and breaks Payara's trust
 * store). A gap in the numbering makes the JDK ignore every entry after it, so gaps are errors too.
 *
 * <p>Why the preferred list is checked: it is a performance setting (on JDK 17, Bouncy Castle's ECDSA and X25519 are
 * several times faster than SunEC's, see BENCHMARKS.md), and the JDK silently ignores an entry it cannot parse or
 * whose provider is not installed. Only public-key services may be routed, and only to Bouncy Castle's provider:
 * ciphers, MACs and digests must stay the JDK's (CPU intrinsics), and TLS, key stores and trust managers must keep
 * the order above.
 */
record ProviderOverlay(Path file, List<String> providers, List<String> preferred) {

    static final String PREFERRED = "jdk.security.provider.preferred";
    /** Services a profile may route to Bouncy Castle first: the public-key operations of a handshake. */
    static final Set<String> PREFERABLE_TYPES = Set.of("Signature", "KeyAgreement", "KeyPairGenerator", "KeyFactory");
    /** Bouncy Castle's provider name, as {@code Security.getProvider} knows it. */
    static final String BC_NAME = "BC";
    private static final Pattern PREFERRED_ENTRY = Pattern.compile("([A-Za-z]+)\\.([A-Za-z0-9/_.-]+):([A-Za-z0-9]+)");

    static final String POLICY_PROVIDER = "io.pqws.jsse.PqwsJsseProvider";
    static final String BC_JSSE = "org.bouncycastle.jsse.provider.BouncyCastleJsseProvider";
    static final String BC_JCE = "org.bouncycastle.jce.provider.BouncyCastleProvider";

    static ProviderOverlay read(Path file) throws ProfileException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ProfileException("cannot read provider overlay " + file + ": " + e.getMessage(), e);
        }
        List<String> providers = new ArrayList<>();
        for (int n = 1; properties.containsKey("security.provider." + n); n++) {
            providers.add(properties.getProperty("security.provider." + n).strip().split("\\s+")[0]);
        }
        long declared = properties.stringPropertyNames().stream().filter(k -> k.startsWith("security.provider."))
                .count();
        if (declared != providers.size()) {
            throw new ProfileException(file + ": security.provider.N entries must be numbered 1.." + declared
                    + " without gaps (the JDK stops reading at the first gap)");
        }
        List<String> preferred = new ArrayList<>();
        String preferredList = properties.getProperty(PREFERRED);
        if (preferredList != null) {
            for (String entry : preferredList.split(",")) {
                preferred.add(entry.strip());
            }
        }
        return new ProviderOverlay(file, List.copyOf(providers), List.copyOf(preferred));
    }

    void validate() throws ProfileException {
        if (providers.size() < 3) {
            throw new ProfileException(file + ": lists " + providers.size() + " providers; expected the PQWS "
                    + "policy provider, BCJSSE, the JDK's providers and BouncyCastleProvider");
        }
        expectAt(0, POLICY_PROVIDER, "first: it hands out the BCJSSE engines with the profile's policy");
        expectAt(1, BC_JSSE, "second: BCJSSE is the TLS implementation");
        expectAt(providers.size() - 1, BC_JCE, "last: placed earlier it takes over PKCS12 key stores");
        if (!providers.contains("SunEC") || !providers.contains("SunJCE") || !providers.contains("SUN")) {
            throw new ProfileException(file + ": the JDK providers SUN, SunEC and SunJCE must stay listed");
        }
        validatePreferred();
    }

    /**
     * The observe profile's overlay: PQWS first (so every SSLContext comes through it, to be observed), then the
     * JDK's providers with SunJSSE among them (PQWS delegates to it by name), and no Bouncy Castle provider and no
     * preferred list: the TLS stack, and every algorithm it uses, stay the JDK's.
     */
    void validateObserve() throws ProfileException {
        if (providers.isEmpty()) {
            throw new ProfileException(file + ": lists no providers; expected the PQWS provider, then the JDK's");
        }
        expectAt(0, POLICY_PROVIDER, "first: it observes every server handshake of the JDK's TLS");
        if (providers.contains(BC_JSSE) || providers.contains(BC_JCE)) {
            throw new ProfileException(file + ": lists a Bouncy Castle provider; the observe profile leaves TLS and"
                    + " its algorithms to the JDK");
        }
        if (!preferred.isEmpty()) {
            throw new ProfileException(file + ": sets " + PREFERRED + "; the observe profile leaves every algorithm"
                    + " to the JDK's provider order");
        }
        for (String jdk : List.of("SUN", "SunEC", "SunJSSE", "SunJCE")) {
            if (!providers.contains(jdk)) {
                throw new ProfileException(file + ": the JDK provider " + jdk + " must stay listed");
            }
        }
    }

    private void validatePreferred() throws ProfileException {
        Set<String> seen = new HashSet<>();
        for (String entry : preferred) {
            Matcher m = PREFERRED_ENTRY.matcher(entry);
            if (!m.matches()) {
                throw new ProfileException(file + ": " + PREFERRED + " entry '" + entry + "' is not Type.Algorithm:"
                        + "Provider (the JDK would silently ignore it)");
            }
            if (!PREFERABLE_TYPES.contains(m.group(1))) {
                throw new ProfileException(file + ": " + PREFERRED + " entry '" + entry + "' routes a " + m.group(1)
                        + "; only " + new TreeSet<>(PREFERABLE_TYPES) + " may be preferred (ciphers, MACs and "
                        + "digests stay the JDK's; TLS, key stores and trust managers keep the provider order)");
            }
            if (!m.group(3).equals(BC_NAME)) {
                throw new ProfileException(file + ": " + PREFERRED + " entry '" + entry + "' names provider '"
                        + m.group(3) + "'; only " + BC_NAME + " (" + BC_JCE + ", listed last) may be preferred");
            }
            if (!seen.add(m.group(1) + "." + m.group(2).toUpperCase(Locale.ROOT))) {
                throw new ProfileException(file + ": " + PREFERRED + " lists '" + entry + "' twice");
            }
        }
    }

    private void expectAt(int index, String expected, String why) throws ProfileException {
        if (!providers.get(index).equals(expected)) {
            throw new ProfileException(file + ": security.provider." + (index + 1) + " must be " + expected
                    + " (" + why + "), found " + providers.get(index));
        }
    }
}
