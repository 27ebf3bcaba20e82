package io.pqws.profile;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Writes {@code <profile>.wildfly.properties}: the values {@code server-config/wildfly/configure-pq.cli} takes from a
 * PQ profile, for {@code jboss-cli.sh --properties}.
 * <pre>
 * java -cp target/pqws-client/pqws-client.jar io.pqws.profile.WildFlyCliProperties \
 *      --profiles pq-profile --jars target/pq-profile/jars --out target/pq-profile --profile hybrid
 * </pre>
 * Exit status 0 with the written file name on stdout; 2 with one line on stderr otherwise.
 *
 * <p>Why a translation: WildFly loads the providers from a JBoss module through Elytron, not from the JVM's module
 * path, and keeps system properties in its server configuration, so the profile's {@code jvm.options} and jar
 * directory cannot be used as JVM options there. The profile stays the single source of truth: this class translates
 * it, and refuses a profile setting the script would not apply, so nothing is dropped silently. The server's
 * signature schemes become a system property like the others, unless they include ML-DSA: {@code hybrid-mldsa}'s
 * ML-DSA chain needs a dual-chain key store and a second listener, which only the Payara Micro recipe sets up.
 */
public final class WildFlyCliProperties {

    /** Set by {@code hybrid-only}; for WildFly it also becomes the Elytron SSL context's protocol list. */
    static final String SERVER_PROTOCOLS = "jdk.tls.server.protocols";
    /** BCJSSE's TLS 1.2 session resumption switch. */
    static final String SESSION_RESUMPTION = "org.bouncycastle.jsse.server.enableSessionResumption";

    /** The profile system properties the script sets, and the CLI property that carries each one. */
    static final Map<String, String> APPLIED = Map.of(
            PqProfile.PROFILE_PROPERTY, "pqws.cli.profile",
            PqProfile.GROUPS_PROPERTY, "pqws.cli.named-groups",
            PqProfile.REQUIRE_HYBRID_PROPERTY, "pqws.cli.require-hybrid",
            SERVER_PROTOCOLS, "pqws.cli.server-protocols",
            SESSION_RESUMPTION, "pqws.cli.session-resumption",
            PqProfile.SERVER_SIGNATURE_SCHEMES_PROPERTY, "pqws.cli.server-signature-schemes");

    /** What the script sets where a profile says nothing: the JDK's and BCJSSE's own defaults. */
    static final Map<String, String> DEFAULTS = Map.of(
            SERVER_PROTOCOLS, "TLSv1.3,TLSv1.2",
            SESSION_RESUMPTION, "true");

    private WildFlyCliProperties() {
    }

    public static void main(String... args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            Map<String, String> options = options(args);
            PqProfile profile = PqProfile.load(Path.of(options.get("--profiles")), options.get("--profile"));
            List<String> lines = of(profile, ProviderJars.in(Path.of(options.get("--jars"))));
            Path dir = Files.createDirectories(Path.of(options.get("--out")));
            Path file = dir.resolve(profile.name() + ".wildfly.properties");
            Files.write(file, lines);
            out.println(file.toAbsolutePath().normalize());
            return 0;
        } catch (ProfileException e) {
            err.println("pqws profile: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("pqws profile: cannot write the WildFly properties: " + e.getMessage());
            return 2;
        }
    }

    /** The lines of {@code <profile>.wildfly.properties}. */
    public static List<String> of(PqProfile profile, ProviderJars jars) throws ProfileException {
        Set<String> unknown = profile.systemProperties().keySet().stream().filter(k -> !APPLIED.containsKey(k))
                .collect(Collectors.toCollection(TreeSet::new));
        if (!unknown.isEmpty()) {
            throw new ProfileException("profile '" + profile.name() + "' sets " + unknown + ", which "
                    + "server-config/wildfly/configure-pq.cli does not apply; that profile is not available on WildFly");
        }
        List<String> mlDsa = profile.serverSignatureSchemes().stream().filter(s -> s.startsWith("mldsa")).toList();
        if (!mlDsa.isEmpty()) {
            throw new ProfileException("profile '" + profile.name() + "' signs with " + mlDsa + ", which needs the "
                    + "dual-chain key store and second listener of the Payara Micro recipe; that profile is not "
                    + "available on WildFly");
        }
        if (profile.serverSignatureSchemes().isEmpty()) {
            throw new ProfileException("profile '" + profile.name() + "' sets no "
                    + PqProfile.SERVER_SIGNATURE_SCHEMES_PROPERTY + "; BCJSSE's defaults include SHA-1 and SHA-224");
        }
        Map<String, String> properties = profile.systemProperties();
        List<String> lines = new ArrayList<>();
        lines.add("# pqws PQ profile '" + profile.name() + "' for server-config/wildfly/configure-pq.cli");
        lines.add("# (jboss-cli.sh --resolve-parameter-values --properties=THIS_FILE). Written by");
        lines.add("# io.pqws.profile.WildFlyCliProperties from pq-profile/" + profile.name() + "; do not edit.");
        for (String property : List.of(PqProfile.PROFILE_PROPERTY, PqProfile.GROUPS_PROPERTY,
                PqProfile.REQUIRE_HYBRID_PROPERTY, SERVER_PROTOCOLS, SESSION_RESUMPTION,
                PqProfile.SERVER_SIGNATURE_SCHEMES_PROPERTY)) {
            lines.add(line(APPLIED.get(property), properties.getOrDefault(property, DEFAULTS.get(property))));
        }
        String protocols = properties.getOrDefault(SERVER_PROTOCOLS, DEFAULTS.get(SERVER_PROTOCOLS));
        lines.add(line("pqws.cli.elytron-protocols", "[" + protocols + "]"));
        lines.add(line("pqws.cli.module-resources", jars.jars().stream().map(p -> p.toAbsolutePath().normalize()
                .toString()).collect(Collectors.joining(File.pathSeparator))));
        return lines;
    }

    private static Map<String, String> options(List<String> args) throws ProfileException {
        List<String> known = List.of("--profiles", "--jars", "--out", "--profile");
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            if (!known.contains(args.get(i)) || i + 1 >= args.size()) {
                throw new ProfileException("usage: --profiles DIR --jars DIR --out DIR --profile NAME");
            }
            options.put(args.get(i), args.get(i + 1));
        }
        if (!options.keySet().containsAll(known)) {
            throw new ProfileException("--profiles, --jars, --out and --profile are required");
        }
        return options;
    }

    private static String line(String key, String value) {
        return key + "=" + value.replace("\\", "\\\\");
    }
}
