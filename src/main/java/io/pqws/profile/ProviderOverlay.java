package io.pqws.profile;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The {@code security.provider.N} entries of a profile's {@code java.security} overlay.
 *
 * <p>Why the order is checked: the JDK takes the first provider that offers an algorithm. The profiles rely on
 * the PQWS policy provider, then BCJSSE, answering {@code SSLContext.getInstance("TLS")}, and on
 * {@code BouncyCastleProvider} coming last (first, it takes over PKCS12 key stores and breaks Payara's trust
 * store). A gap in the numbering makes the JDK ignore every entry after it, so gaps are errors too.
 */
record ProviderOverlay(Path file, List<String> providers) {

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
        return new ProviderOverlay(file, List.copyOf(providers));
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
    }

    private void expectAt(int index, String expected, String why) throws ProfileException {
        if (!providers.get(index).equals(expected)) {
            throw new ProfileException(file + ": security.provider." + (index + 1) + " must be " + expected
                    + " (" + why + "), found " + providers.get(index));
        }
    }
}
