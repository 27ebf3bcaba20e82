package io.pqws.profile;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The values {@code server-config/wildfly/configure-pq.cli} takes from a PQ profile, as the lines of a properties
 * file for {@code jboss-cli.sh --properties}.
 *
 * <p>Why a translation: WildFly loads the providers from a JBoss module through Elytron, not from the JVM's module
 * path, and keeps system properties in its server configuration, so the profile's {@code jvm.options} and jar
 * directory cannot be used as JVM options there. The profile stays the single source of truth: this class translates
 * it, and refuses a profile system property the script would not apply, so nothing is dropped silently.
 */
public final class WildFlyCliProperties {

    /** Set by {@code hybrid-only}; for WildFly it also becomes the Elytron SSL context's protocol list. */
    static final String SERVER_PROTOCOLS = "jdk.tls.server.protocols";

    /** Every shipped profile sets it; BCJSSE's own default is {@code true}. */
    static final String SERVER_RESUMPTION = "org.bouncycastle.jsse.server.enableSessionResumption";

    /** The profile system properties the script sets, and the CLI property that carries each one. */
    static final Map<String, String> APPLIED = Map.of(
            PqProfile.PROFILE_PROPERTY, "pqws.cli.profile",
            PqProfile.GROUPS_PROPERTY, "pqws.cli.named-groups",
            PqProfile.REQUIRE_HYBRID_PROPERTY, "pqws.cli.require-hybrid",
            SERVER_PROTOCOLS, "pqws.cli.server-protocols",
            SERVER_RESUMPTION, "pqws.cli.server-resumption");

    /** What a profile that does not restrict the server's TLS versions gets: the JDK's and BCJSSE's default. */
    static final String DEFAULT_SERVER_PROTOCOLS = "TLSv1.3,TLSv1.2";

    private WildFlyCliProperties() {
    }

    /** The profile's system properties the WildFly script does not apply; empty when the script can take it. */
    public static Set<String> notApplied(PqProfile profile) {
        return profile.systemProperties().keySet().stream().filter(k -> !APPLIED.containsKey(k))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The lines of {@code <profile>.wildfly.properties}. */
    public static List<String> of(PqProfile profile, ProviderJars jars) throws ProfileException {
        Set<String> unknown = notApplied(profile);
        if (!unknown.isEmpty()) {
            throw new ProfileException("profile '" + profile.name() + "' sets " + unknown + ", which "
                    + "server-config/wildfly/configure-pq.cli does not apply; add it to the script and to "
                    + WildFlyCliProperties.class.getName());
        }
        Map<String, String> properties = profile.systemProperties();
        String protocols = properties.getOrDefault(SERVER_PROTOCOLS, DEFAULT_SERVER_PROTOCOLS);
        List<String> lines = new ArrayList<>();
        lines.add("# pqws PQ profile '" + profile.name() + "' for server-config/wildfly/configure-pq.cli");
        lines.add("# (jboss-cli.sh --resolve-parameter-values --properties=THIS_FILE). Written by");
        lines.add("# io.pqws.profile.ProfileArgsWriter from pq-profile/" + profile.name() + "; do not edit.");
        lines.add(line(APPLIED.get(PqProfile.PROFILE_PROPERTY), profile.name()));
        lines.add(line(APPLIED.get(PqProfile.GROUPS_PROPERTY), properties.get(PqProfile.GROUPS_PROPERTY)));
        lines.add(line(APPLIED.get(PqProfile.REQUIRE_HYBRID_PROPERTY),
                properties.get(PqProfile.REQUIRE_HYBRID_PROPERTY)));
        lines.add(line(APPLIED.get(SERVER_PROTOCOLS), protocols));
        lines.add(line(APPLIED.get(SERVER_RESUMPTION), properties.getOrDefault(SERVER_RESUMPTION, "true")));
        lines.add(line("pqws.cli.elytron-protocols", "[" + protocols + "]"));
        lines.add(line("pqws.cli.module-resources", jars.jars().stream().map(p -> p.toAbsolutePath().normalize()
                .toString()).collect(Collectors.joining(File.pathSeparator))));
        return lines;
    }

    private static String line(String key, String value) {
        return key + "=" + value.replace("\\", "\\\\");
    }
}
