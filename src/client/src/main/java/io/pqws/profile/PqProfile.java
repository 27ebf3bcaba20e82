package io.pqws.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.pqws.tls.NamedGroups;

/**
 * One named post-quantum TLS profile from {@code pq-profile/<name>/}: a {@code java.security} overlay (provider
 * order) and a {@code jvm.options} argument file (system properties such as {@code jdk.tls.namedGroups}).
 *
 * <p>Why it is parsed and checked here rather than passed through blindly: a JVM silently skips a provider it cannot
 * load and BCJSSE silently drops a group name it does not know, so a typo would quietly make the server weaker.
 * Every rule a profile must keep is checked once, in {@link #load}, with a message that names the file and line.
 *
 * <p>The {@code observe} profile ({@value #MODE_PROPERTY}={@value #MODE_OBSERVE}) keeps other rules, because it
 * promises the opposite of the others: the JDK's own TLS, unchanged, only observed by the PQWS provider. So it must
 * <em>not</em> set groups, signature schemes or Bouncy Castle switches (each would change the server being
 * measured, or mean nothing), and its overlay lists PQWS and then the JDK's providers only.
 */
public record PqProfile(String name, Path overlay, Map<String, String> systemProperties) {

    /** The profile used when none is named. */
    public static final String DEFAULT = "hybrid";

    static final String OVERLAY_FILE = "java.security";
    static final String OPTIONS_FILE = "jvm.options";

    static final String PROFILE_PROPERTY = "pqws.profile";
    static final String GROUPS_PROPERTY = "jdk.tls.namedGroups";
    static final String REQUIRE_HYBRID_PROPERTY = "pqws.tls.requireHybrid";
    /** The PQWS provider's mode: {@value #MODE_POLICY} (BCJSSE with the pqws policy, the default) or observe. */
    static final String MODE_PROPERTY = "pqws.tls.mode";
    static final String MODE_POLICY = "policy";
    static final String MODE_OBSERVE = "observe";
    /**
     * Bouncy Castle's server-side session resumption switch. With BCJSSE 1.84 it governs TLS 1.2 only: BCJSSE has no
     * TLS 1.3 resumption (nor 0-RTT early data) at all. Optional; Bouncy Castle's default is {@code true}.
     */
    static final String RESUMPTION_PROPERTY = "org.bouncycastle.jsse.server.enableSessionResumption";
    /**
     * The server's signature schemes (a JDK property name BCJSSE reads too). Required: BCJSSE 1.84's defaults include
     * SHA-1 and SHA-224 schemes, so a profile that said nothing would let the server sign with SHA-1 in TLS 1.2.
     */
    static final String SERVER_SIGNATURE_SCHEMES_PROPERTY = "jdk.tls.server.SignatureSchemes";

    /**
     * The signature scheme names a profile may list: those BCJSSE 1.84 knows ({@code SignatureSchemeInfo}) less the
     * {@linkplain #WEAK_SIGNATURE_SCHEMES weak} ones, DSA, SLH-DSA and SM2. BCJSSE drops an unknown name with only a
     * warning, so a typo in a profile must fail here instead.
     */
    static final Set<String> SIGNATURE_SCHEMES = Set.of("ed25519", "ed448", "ecdsa_secp256r1_sha256",
            "ecdsa_secp384r1_sha384", "ecdsa_secp521r1_sha512", "ecdsa_brainpoolP256r1tls13_sha256",
            "ecdsa_brainpoolP384r1tls13_sha384", "ecdsa_brainpoolP512r1tls13_sha512", "rsa_pss_pss_sha256",
            "rsa_pss_pss_sha384", "rsa_pss_pss_sha512", "rsa_pss_rsae_sha256", "rsa_pss_rsae_sha384",
            "rsa_pss_rsae_sha512", "mldsa44", "mldsa65", "mldsa87", "rsa_pkcs1_sha256", "rsa_pkcs1_sha384",
            "rsa_pkcs1_sha512");

    /**
     * BCJSSE 1.84's signature schemes with a SHA-1, SHA-224 or MD5 hash, all in its defaults: no profile may list one,
     * because the profiles promise that the server is nowhere weaker than it needs to be (SECURITY.md, "TLS scan").
     */
    static final Set<String> WEAK_SIGNATURE_SCHEMES = Set.of("ecdsa_sha1", "rsa_pkcs1_sha1", "dsa_sha1",
            "ecdsa_sha224", "rsa_sha224", "dsa_sha224", "rsa_md5");

    public PqProfile {
        systemProperties = Map.copyOf(systemProperties);
    }

    /** The profiles present under {@code profilesDir}, by directory name. */
    public static List<String> available(Path profilesDir) throws ProfileException {
        try (Stream<Path> entries = Files.list(profilesDir)) {
            return entries.filter(p -> Files.isRegularFile(p.resolve(OPTIONS_FILE)))
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ProfileException("cannot list PQ profiles in " + profilesDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads and validates profile {@code name}.
     *
     * @throws ProfileException naming what is wrong: an unknown profile, a missing file, an option that is not a
     *         system property, an unknown or duplicate group, a hybrid-only profile without a hybrid group, a missing,
     *         unknown or weak (SHA-1, SHA-224, MD5) signature scheme, or a provider order that would not put BCJSSE in
     *         charge
     */
    public static PqProfile load(Path profilesDir, String name) throws ProfileException {
        List<String> known = available(profilesDir);
        if (!known.contains(name)) {
            throw new ProfileException("unknown PQ profile '" + name + "'; known profiles: " + String.join(", ", known));
        }
        Path dir = profilesDir.resolve(name);
        Map<String, String> properties = readOptions(dir.resolve(OPTIONS_FILE));
        Path overlay = dir.resolve(OVERLAY_FILE).toAbsolutePath().normalize();
        if (observes(dir.resolve(OPTIONS_FILE), properties)) {
            validateObserveProperties(name, dir.resolve(OPTIONS_FILE), properties);
            ProviderOverlay.read(overlay).validateObserve();
        } else {
            validateProperties(name, dir.resolve(OPTIONS_FILE), properties);
            ProviderOverlay.read(overlay).validate();
        }
        return new PqProfile(name, overlay, properties);
    }

    /** Whether the profile only observes the JDK's TLS ({@value #MODE_PROPERTY}={@value #MODE_OBSERVE}). */
    public boolean observeOnly() {
        return MODE_OBSERVE.equals(systemProperties.get(MODE_PROPERTY));
    }

    private static boolean observes(Path file, Map<String, String> properties) throws ProfileException {
        String mode = properties.get(MODE_PROPERTY);
        if (mode != null && !mode.strip().equals(MODE_POLICY) && !mode.strip().equals(MODE_OBSERVE)) {
            throw new ProfileException(file + ": " + MODE_PROPERTY + " must be " + MODE_POLICY + " or " + MODE_OBSERVE
                    + ", not '" + mode + "'");
        }
        return mode != null && mode.strip().equals(MODE_OBSERVE);
    }

    /**
     * The observe profile sets who it is and its mode, and may say {@code requireHybrid=false}; anything else would
     * change the JDK's TLS (groups, signature schemes, protocols) or address Bouncy Castle, which it does not run.
     */
    private static void validateObserveProperties(String name, Path file, Map<String, String> properties)
            throws ProfileException {
        String declared = require(file, properties, PROFILE_PROPERTY);
        if (!declared.equals(name)) {
            throw new ProfileException(file + ": " + PROFILE_PROPERTY + "=" + declared
                    + " does not match its directory '" + name + "'");
        }
        String requireHybrid = properties.get(REQUIRE_HYBRID_PROPERTY);
        if (requireHybrid != null && !requireHybrid.strip().equals("false")) {
            throw new ProfileException(file + ": " + MODE_PROPERTY + "=" + MODE_OBSERVE + " leaves TLS to the JDK, "
                    + "which has no hybrid group; " + REQUIRE_HYBRID_PROPERTY + " may only be false, not '"
                    + requireHybrid + "'");
        }
        for (String key : properties.keySet()) {
            if (!key.equals(PROFILE_PROPERTY) && !key.equals(MODE_PROPERTY) && !key.equals(REQUIRE_HYBRID_PROPERTY)) {
                throw new ProfileException(file + ": " + key + " is set, but " + MODE_PROPERTY + "=" + MODE_OBSERVE
                        + " leaves the JDK's TLS exactly as it is; only " + PROFILE_PROPERTY + ", " + MODE_PROPERTY
                        + " and " + REQUIRE_HYBRID_PROPERTY + "=false belong in an observe profile");
            }
        }
    }

    /** Whether the profile refuses clients that offer no hybrid group. */
    public boolean requiresHybrid() {
        return Boolean.parseBoolean(systemProperties.get(REQUIRE_HYBRID_PROPERTY));
    }

    /** Whether the server resumes TLS 1.2 sessions ({@value #RESUMPTION_PROPERTY}; Bouncy Castle's default: yes). */
    public boolean resumesSessions() {
        return !"false".equals(systemProperties.get(RESUMPTION_PROPERTY));
    }

    /** The server's signature schemes in preference order ({@value #SERVER_SIGNATURE_SCHEMES_PROPERTY}). */
    public List<String> serverSignatureSchemes() {
        String schemes = systemProperties.get(SERVER_SIGNATURE_SCHEMES_PROPERTY);
        return schemes == null ? List.of() : Arrays.stream(schemes.split(",")).map(String::strip).toList();
    }

    /** The key-exchange groups, in server preference order; empty for the observe profile (the JDK's defaults). */
    public List<String> namedGroups() {
        String groups = systemProperties.get(GROUPS_PROPERTY);
        return groups == null ? List.of() : Arrays.asList(groups.split(","));
    }

    private static Map<String, String> readOptions(Path file) throws ProfileException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ProfileException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = file + ":" + (i + 1);
            int eq = line.indexOf('=');
            if (!line.startsWith("-D") || eq < 3) {
                throw new ProfileException(where + ": '" + line + "' is not a -Dname=value system property; "
                        + "a profile's jvm.options holds system properties only");
            }
            String key = line.substring(2, eq);
            if (properties.put(key, line.substring(eq + 1)) != null) {
                throw new ProfileException(where + ": " + key + " is set twice");
            }
        }
        return properties;
    }

    private static void validateProperties(String name, Path file, Map<String, String> properties)
            throws ProfileException {
        String declared = require(file, properties, PROFILE_PROPERTY);
        if (!declared.equals(name)) {
            throw new ProfileException(file + ": " + PROFILE_PROPERTY + "=" + declared
                    + " does not match its directory '" + name + "'");
        }
        String requireHybrid = require(file, properties, REQUIRE_HYBRID_PROPERTY);
        if (!requireHybrid.equals("true") && !requireHybrid.equals("false")) {
            throw new ProfileException(file + ": " + REQUIRE_HYBRID_PROPERTY + " must be true or false, not '"
                    + requireHybrid + "'");
        }
        String resumption = properties.get(RESUMPTION_PROPERTY);
        if (resumption != null && !resumption.equals("true") && !resumption.equals("false")) {
            // Bouncy Castle would log a warning and use its default, true: a typo must not switch resumption on.
            throw new ProfileException(file + ": " + RESUMPTION_PROPERTY + " must be true or false, not '" + resumption
                    + "'");
        }
        List<String> groups = new ArrayList<>();
        for (String group : require(file, properties, GROUPS_PROPERTY).split(",")) {
            String trimmed = group.strip();
            if (NamedGroups.codePointOf(trimmed).isEmpty()) {
                throw new ProfileException(file + ": " + GROUPS_PROPERTY + " names unknown group '" + trimmed + "'");
            }
            if (groups.contains(trimmed)) {
                throw new ProfileException(file + ": " + GROUPS_PROPERTY + " lists '" + trimmed + "' twice");
            }
            groups.add(trimmed);
        }
        boolean anyHybrid = groups.stream().anyMatch(NamedGroups::isHybridPostQuantum);
        if (requireHybrid.equals("true") && !anyHybrid) {
            throw new ProfileException(file + ": " + REQUIRE_HYBRID_PROPERTY + "=true but " + GROUPS_PROPERTY
                    + " lists no hybrid post-quantum group");
        }
        validateSignatureSchemes(file, properties.get(SERVER_SIGNATURE_SCHEMES_PROPERTY));
    }

    private static void validateSignatureSchemes(Path file, String schemes) throws ProfileException {
        if (schemes == null || schemes.isBlank()) {
            throw new ProfileException(file + ": -D" + SERVER_SIGNATURE_SCHEMES_PROPERTY + "=... is missing; without "
                    + "it BCJSSE signs with its defaults, which include SHA-1 and SHA-224");
        }
        for (String scheme : schemes.split(",", -1)) {
            String name = scheme.strip();
            if (WEAK_SIGNATURE_SCHEMES.contains(name)) {
                throw new ProfileException(file + ": " + SERVER_SIGNATURE_SCHEMES_PROPERTY + " names '" + name
                        + "', a SHA-1, SHA-224 or MD5 signature scheme, which no profile may offer");
            }
            if (!SIGNATURE_SCHEMES.contains(name)) {
                throw new ProfileException(file + ": " + SERVER_SIGNATURE_SCHEMES_PROPERTY
                        + " names unknown signature scheme '" + name + "'");
            }
        }
    }

    private static String require(Path file, Map<String, String> properties, String key) throws ProfileException {
        String value = properties.get(key);
        if (value == null || value.isBlank()) {
            throw new ProfileException(file + ": -D" + key + "=... is missing");
        }
        return value.strip();
    }
}
