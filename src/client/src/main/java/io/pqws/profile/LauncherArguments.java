package io.pqws.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JVM options that apply a PQ profile to a container JVM, as a JDK argument file's lines.
 *
 * <p>Why a generated file: the options combine the profile (its system properties and overlay) with where this
 * installation keeps the provider jars. Written once, the same file starts Payara Micro from the run script and
 * from the Arquillian tests ({@code java @hybrid.args -jar payara-micro.jar ...}).
 */
public final class LauncherArguments {

    /** BC's provider package, opened so the WAR can read the negotiated group (see BcNegotiatedGroupReader). */
    static final String OPEN_BC_PROVIDER = "--add-opens=org.bouncycastle.tls/org.bouncycastle.jsse.provider=ALL-UNNAMED";

    private LauncherArguments() {
    }

    public static List<String> of(PqProfile profile, ProviderJars jars) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, String> property : profile.systemProperties().entrySet()) {
            lines.add(quote("-D" + property.getKey() + "=" + property.getValue()));
        }
        lines.add(quote("-Djava.security.properties=" + profile.overlay()));
        lines.add(quote("--module-path=" + jars.directory()));
        lines.add("--add-modules=ALL-MODULE-PATH");
        lines.add(OPEN_BC_PROVIDER);
        return lines;
    }

    /** Quotes an argument-file token that holds white space; the JDK's argument files accept double quotes. */
    static String quote(String argument) {
        if (argument.chars().noneMatch(Character::isWhitespace)) {
            return argument;
        }
        return '"' + argument.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
