package io.pqws.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped profiles load, and every rule a profile must keep is enforced with a precise message. */
class PqProfileTest {

    private static final Path SHIPPED = Path.of(System.getProperty("pqws.basedir", "."), "pq-profile");
    /** A valid signature-scheme option, for test profiles that must get past that rule. */
    private static final String SCHEMES = "-Djdk.tls.server.SignatureSchemes=ecdsa_secp256r1_sha256";

    @TempDir
    Path temp;

    @Test
    void theShippedProfilesLoad() throws Exception {
        assertEquals(List.of("classic", "hybrid", "hybrid-mldsa", "hybrid-only", "observe"),
                PqProfile.available(SHIPPED));

        PqProfile hybrid = PqProfile.load(SHIPPED, "hybrid");
        assertEquals("X25519MLKEM768", hybrid.namedGroups().get(0));
        assertTrue(hybrid.namedGroups().contains("x25519"));
        assertFalse(hybrid.requiresHybrid());

        PqProfile hybridOnly = PqProfile.load(SHIPPED, "hybrid-only");
        assertTrue(hybridOnly.requiresHybrid());
        assertTrue(hybridOnly.namedGroups().contains("secp256r1"), "ECDSA P-256 certificates need secp256r1 listed");
        assertEquals("TLSv1.3", hybridOnly.systemProperties().get("jdk.tls.server.protocols"));

        PqProfile classic = PqProfile.load(SHIPPED, "classic");
        assertTrue(classic.namedGroups().stream().noneMatch(g -> g.contains("MLKEM")));
        assertFalse(classic.observeOnly());

        PqProfile observe = PqProfile.load(SHIPPED, "observe");
        assertTrue(observe.observeOnly());
        assertFalse(observe.requiresHybrid());
        assertEquals(List.of(), observe.namedGroups(), "the JDK's own groups");
        assertEquals(List.of(), observe.serverSignatureSchemes(), "the JDK's own signature schemes");
    }

    @Test
    void theObserveProfileRefusesAnythingThatWouldChangeTheJdksTls() throws Exception {
        String base = "-Dpqws.tls.mode=observe";
        for (String option : List.of("-Djdk.tls.namedGroups=x25519", SCHEMES, "-Djdk.tls.server.protocols=TLSv1.3",
                "-Dorg.bouncycastle.jsse.server.enableSessionResumption=false")) {
            String key = option.substring(2, option.indexOf('='));
            Path dir = observeProfile("o", "-Dpqws.profile=o", base, option);
            ProfileException e = assertThrows(ProfileException.class, () -> PqProfile.load(dir, "o"));
            assertTrue(e.getMessage().endsWith(key + " is set, but pqws.tls.mode=observe leaves the JDK's TLS exactly"
                    + " as it is; only pqws.profile, pqws.tls.mode and pqws.tls.requireHybrid=false belong in an"
                    + " observe profile"), e.getMessage());
        }
        Path hybridOnly = observeProfile("o", "-Dpqws.profile=o", base, "-Dpqws.tls.requireHybrid=true");
        ProfileException e = assertThrows(ProfileException.class, () -> PqProfile.load(hybridOnly, "o"));
        assertTrue(e.getMessage().endsWith("pqws.tls.requireHybrid may only be false, not 'true'"), e.getMessage());

        Path control = observeProfile("o", "-Dpqws.profile=o", base);
        assertTrue(PqProfile.load(control, "o").observeOnly(), "the positive control: the bare observe profile");
    }

    @Test
    void anUnknownModeIsRefused() throws Exception {
        Path dir = observeProfile("o", "-Dpqws.profile=o", "-Dpqws.tls.mode=watch");
        ProfileException e = assertThrows(ProfileException.class, () -> PqProfile.load(dir, "o"));
        assertTrue(e.getMessage().endsWith("pqws.tls.mode must be policy or observe, not 'watch'"), e.getMessage());
    }

    @Test
    void theObserveOverlayMayListNoBouncyCastleProviderAndNoPreference() throws Exception {
        String shipped = Files.readString(SHIPPED.resolve("observe/java.security"));
        Path dir = observeProfile("o", "-Dpqws.profile=o", "-Dpqws.tls.mode=observe");
        Files.writeString(dir.resolve("o/java.security"), shipped
                + "security.provider.14=org.bouncycastle.jsse.provider.BouncyCastleJsseProvider\n");
        ProfileException bc = assertThrows(ProfileException.class, () -> PqProfile.load(dir, "o"));
        assertTrue(bc.getMessage().endsWith("lists a Bouncy Castle provider; the observe profile leaves TLS and its"
                + " algorithms to the JDK"), bc.getMessage());

        Files.writeString(dir.resolve("o/java.security"), shipped
                + "jdk.security.provider.preferred=KeyAgreement.X25519:BC\n");
        ProfileException preferred = assertThrows(ProfileException.class, () -> PqProfile.load(dir, "o"));
        assertTrue(preferred.getMessage().endsWith("sets jdk.security.provider.preferred; the observe profile leaves"
                + " every algorithm to the JDK's provider order"), preferred.getMessage());

        Files.writeString(dir.resolve("o/java.security"), shipped.replace("security.provider.5=SunJSSE",
                "security.provider.5=SunJCE"));
        ProfileException noSunJsse = assertThrows(ProfileException.class, () -> PqProfile.load(dir, "o"));
        assertTrue(noSunJsse.getMessage().endsWith("the JDK provider SunJSSE must stay listed"),
                noSunJsse.getMessage());
    }

    @Test
    void everyShippedProfileStatesItsResumptionSwitch() throws Exception {
        for (String name : bcJsseProfiles()) {
            assertTrue(PqProfile.load(SHIPPED, name).systemProperties().containsKey(PqProfile.RESUMPTION_PROPERTY),
                    name + " must say whether it resumes sessions");
        }
        assertTrue(PqProfile.load(SHIPPED, "hybrid").resumesSessions());
        assertFalse(PqProfile.load(SHIPPED, "hybrid-only").resumesSessions());
        assertFalse(PqProfile.load(SHIPPED, "classic").resumesSessions());
    }

    @Test
    void theMlDsaProfileLeadsWithMlDsaAndKeepsTheClassicSchemes() throws Exception {
        PqProfile mlDsa = PqProfile.load(SHIPPED, "hybrid-mldsa");
        assertEquals("mldsa65", mlDsa.serverSignatureSchemes().get(0));
        assertTrue(mlDsa.serverSignatureSchemes().contains("ecdsa_secp256r1_sha256"), "browsers get the ECDSA chain");
        assertEquals(PqProfile.load(SHIPPED, "hybrid").namedGroups(), mlDsa.namedGroups());
        List<String> hybrid = PqProfile.load(SHIPPED, "hybrid").serverSignatureSchemes();
        assertEquals(hybrid, mlDsa.serverSignatureSchemes().subList(3, mlDsa.serverSignatureSchemes().size()),
                "hybrid-mldsa is hybrid's list with ML-DSA in front");
    }

    @Test
    void everyShippedProfileListsTheSameSignatureSchemesWithoutSha1OrSha224() throws Exception {
        List<String> hybrid = PqProfile.load(SHIPPED, "hybrid").serverSignatureSchemes();
        assertTrue(hybrid.contains("ecdsa_secp256r1_sha256"), "the dev PKI's ECDSA P-256 key must stay usable");
        for (String name : bcJsseProfiles()) {
            List<String> schemes = PqProfile.load(SHIPPED, name).serverSignatureSchemes();
            assertTrue(schemes.containsAll(hybrid), name + " keeps hybrid's schemes: " + schemes);
            assertTrue(schemes.stream().noneMatch(s -> s.contains("sha1") || s.contains("sha224") || s.contains("md5")),
                    name + ": " + schemes);
        }
        assertEquals(hybrid, PqProfile.load(SHIPPED, "hybrid-only").serverSignatureSchemes());
        assertEquals(hybrid, PqProfile.load(SHIPPED, "classic").serverSignatureSchemes());
    }

    @Test
    void aSha1OrSha224SignatureSchemeIsRefused() throws Exception {
        for (String weak : List.of("ecdsa_sha1", "rsa_pkcs1_sha1", "ecdsa_sha224")) {
            Path dir = profile(weak, "-Dpqws.profile=" + weak, "-Djdk.tls.namedGroups=x25519",
                    "-Dpqws.tls.requireHybrid=false", "-Djdk.tls.server.SignatureSchemes=ecdsa_secp256r1_sha256," + weak);
            ProfileException e = assertThrows(ProfileException.class, () -> PqProfile.load(dir, weak));
            assertTrue(e.getMessage().endsWith("jdk.tls.server.SignatureSchemes names '" + weak
                    + "', a SHA-1, SHA-224 or MD5 signature scheme, which no profile may offer"), e.getMessage());
        }
        Path control = profile("p", "-Dpqws.profile=p", "-Djdk.tls.namedGroups=x25519", "-Dpqws.tls.requireHybrid=false",
                SCHEMES);
        assertEquals(List.of("ecdsa_secp256r1_sha256"), PqProfile.load(control, "p").serverSignatureSchemes());
    }

    @Test
    void aProfileWithoutSignatureSchemesIsRefusedBecauseTheDefaultsIncludeSha1() throws Exception {
        Path dir = profile("p", "-Dpqws.profile=p", "-Djdk.tls.namedGroups=x25519", "-Dpqws.tls.requireHybrid=false");
        ProfileException e = assertThrows(ProfileException.class, () -> PqProfile.load(dir, "p"));
        assertTrue(e.getMessage().endsWith("-Djdk.tls.server.SignatureSchemes=... is missing; without it BCJSSE signs "
                + "with its defaults, which include SHA-1 and SHA-224"), e.getMessage());
    }

    @Test
    void anUnknownSignatureSchemeIsRefusedRatherThanSilentlyDropped() throws Exception {
        Path dir = profile("p", "-Dpqws.profile=p", "-Djdk.tls.namedGroups=x25519", "-Dpqws.tls.requireHybrid=false",
                "-Djdk.tls.server.SignatureSchemes=mldsa66,ecdsa_secp256r1_sha256");
        ProfileException e = assertThrows(ProfileException.class, () -> PqProfile.load(dir, "p"));
        assertTrue(e.getMessage().endsWith("jdk.tls.server.SignatureSchemes names unknown signature scheme 'mldsa66'"),
                e.getMessage());
    }

    @Test
    void aBadResumptionSwitchIsRefusedRatherThanDefaultedToOn() throws Exception {
        Path dir = profile("p", "-Dpqws.profile=p", "-Djdk.tls.namedGroups=x25519", "-Dpqws.tls.requireHybrid=false",
                "-Dorg.bouncycastle.jsse.server.enableSessionResumption=off");
        ProfileException e = assertThrows(ProfileException.class, () -> PqProfile.load(dir, "p"));
        assertTrue(e.getMessage().endsWith("org.bouncycastle.jsse.server.enableSessionResumption must be true or "
                + "false, not 'off'"), e.getMessage());
    }

    @Test
    void anUnknownProfileNamesTheKnownOnes() {
        ProfileException e = assertThrows(ProfileException.class, () -> PqProfile.load(SHIPPED, "hybird"));
        assertEquals("unknown PQ profile 'hybird'; known profiles: classic, hybrid, hybrid-mldsa, hybrid-only, observe",
                e.getMessage());
    }

    @Test
    void anUnknownGroupIsRefusedRatherThanSilentlyDropped() throws Exception {
        Path dir = profile("typo", "-Dpqws.profile=typo", "-Djdk.tls.namedGroups=X25519MLKEM786,x25519",
                "-Dpqws.tls.requireHybrid=false");
        ProfileException e = assertThrows(ProfileException.class, () -> PqProfile.load(dir, "typo"));
        assertTrue(e.getMessage().endsWith("names unknown group 'X25519MLKEM786'"), e.getMessage());
    }

    @Test
    void requiringHybridWithoutAHybridGroupIsRefused() throws Exception {
        Path dir = profile("strict", "-Dpqws.profile=strict", "-Djdk.tls.namedGroups=x25519,secp256r1",
                "-Dpqws.tls.requireHybrid=true");
        ProfileException e = assertThrows(ProfileException.class, () -> PqProfile.load(dir, "strict"));
        assertTrue(e.getMessage().contains("lists no hybrid post-quantum group"), e.getMessage());
    }

    @Test
    void aBadBooleanIsRefused() throws Exception {
        Path dir = profile("p", "-Dpqws.profile=p", "-Djdk.tls.namedGroups=x25519", "-Dpqws.tls.requireHybrid=yes");
        ProfileException e = assertThrows(ProfileException.class, () -> PqProfile.load(dir, "p"));
        assertTrue(e.getMessage().contains("must be true or false, not 'yes'"), e.getMessage());
    }

    @Test
    void onlySystemPropertiesBelongInJvmOptions() throws Exception {
        Path dir = profile("p", "-Dpqws.profile=p", "-Xmx1g");
        ProfileException e = assertThrows(ProfileException.class, () -> PqProfile.load(dir, "p"));
        assertTrue(e.getMessage().contains("jvm.options:2: '-Xmx1g' is not a -Dname=value system property"),
                e.getMessage());
    }

    @Test
    void theDirectoryAndTheDeclaredNameMustAgree() throws Exception {
        Path dir = profile("p", "-Dpqws.profile=hybrid", "-Djdk.tls.namedGroups=x25519",
                "-Dpqws.tls.requireHybrid=false");
        ProfileException e = assertThrows(ProfileException.class, () -> PqProfile.load(dir, "p"));
        assertTrue(e.getMessage().contains("does not match its directory 'p'"), e.getMessage());
    }

    @Test
    void bouncyCastleJceFirstIsRefused() throws Exception {
        Path dir = profile("p", "-Dpqws.profile=p", "-Djdk.tls.namedGroups=x25519", "-Dpqws.tls.requireHybrid=false",
                SCHEMES);
        String overlay = Files.readString(SHIPPED.resolve("hybrid/java.security"))
                .replace("security.provider.15=org.bouncycastle.jce.provider.BouncyCastleProvider",
                        "security.provider.15=SunPKCS11")
                .replace("security.provider.14=SunPKCS11",
                        "security.provider.14=org.bouncycastle.jce.provider.BouncyCastleProvider");
        Files.writeString(dir.resolve("p/java.security"), overlay);
        ProfileException e = assertThrows(ProfileException.class, () -> PqProfile.load(dir, "p"));
        assertTrue(e.getMessage().contains("security.provider.15 must be "
                + "org.bouncycastle.jce.provider.BouncyCastleProvider"), e.getMessage());
    }

    @Test
    void aGapInTheProviderNumberingIsRefused() throws Exception {
        Path dir = profile("p", "-Dpqws.profile=p", "-Djdk.tls.namedGroups=x25519", "-Dpqws.tls.requireHybrid=false",
                SCHEMES);
        String overlay = Files.readString(SHIPPED.resolve("hybrid/java.security"))
                .replace("security.provider.8=SunJGSS\n", "");
        Files.writeString(dir.resolve("p/java.security"), overlay);
        ProfileException e = assertThrows(ProfileException.class, () -> PqProfile.load(dir, "p"));
        assertTrue(e.getMessage().contains("without gaps"), e.getMessage());
    }

    @Test
    void thePreferredProvidersMayRouteOnlyPublicKeyServicesToBouncyCastle() throws Exception {
        assertPreferredRefused("Cipher.AES/GCM/NoPadding:BC", "only [KeyAgreement, KeyFactory, KeyPairGenerator, "
                + "Signature] may be preferred");
        assertPreferredRefused("KeyStore.PKCS12:BC", "routes a KeyStore");
        assertPreferredRefused("Signature.SHA256withECDSA:SunPKCS11", "names provider 'SunPKCS11'; only BC");
        assertPreferredRefused("Signature.SHA256withECDSA:BCX", "names provider 'BCX'");
        assertPreferredRefused("SHA256withECDSA-BC", "is not Type.Algorithm:Provider");
        assertPreferredRefused("KeyAgreement.X25519:BC,KeyAgreement.x25519:BC", "twice");
    }

    @Test
    void positiveControl_theShippedPreferenceIsAccepted() throws Exception {
        Path dir = profile("p", "-Dpqws.profile=p", "-Djdk.tls.namedGroups=x25519", "-Dpqws.tls.requireHybrid=false",
                SCHEMES);
        assertEquals("p", PqProfile.load(dir, "p").name());
        assertTrue(Files.readString(dir.resolve("p/java.security")).contains(ProviderOverlay.PREFERRED + "="));
    }

    private void assertPreferredRefused(String preferred, String expectedMessage) throws Exception {
        String name = "p" + Integer.toHexString(preferred.hashCode());
        Path dir = profile(name, "-Dpqws.profile=" + name, "-Djdk.tls.namedGroups=x25519",
                "-Dpqws.tls.requireHybrid=false", SCHEMES);
        String overlay = Files.readString(SHIPPED.resolve("hybrid/java.security"))
                .replaceAll("(?m)^" + Pattern.quote(ProviderOverlay.PREFERRED) + "=.*$",
                        ProviderOverlay.PREFERRED + "=" + preferred);
        Files.writeString(dir.resolve(name + "/java.security"), overlay);
        ProfileException e = assertThrows(ProfileException.class, () -> PqProfile.load(dir, name));
        assertTrue(e.getMessage().contains(expectedMessage), e.getMessage());
    }

    /** The shipped profiles that run BCJSSE: all but observe, which leaves the JDK's TLS as it is. */
    private static List<String> bcJsseProfiles() throws ProfileException {
        List<String> names = PqProfile.available(SHIPPED).stream().filter(n -> !n.equals("observe")).toList();
        assertEquals(4, names.size(), names.toString());
        return names;
    }

    private Path observeProfile(String name, String... options) throws IOException {
        Path dir = Files.createDirectories(temp.resolve(name));
        Files.write(dir.resolve("jvm.options"), List.of(options));
        Files.copy(SHIPPED.resolve("observe/java.security"), dir.resolve("java.security"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return temp;
    }

    private Path profile(String name, String... options) throws IOException {
        Path dir = Files.createDirectories(temp.resolve(name));
        Files.write(dir.resolve("jvm.options"), List.of(options));
        Files.copy(SHIPPED.resolve("hybrid/java.security"), dir.resolve("java.security"));
        return temp;
    }
}
