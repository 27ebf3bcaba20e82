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
 *
 * <p>The observe profile gets the same module path: {@code pqws-jsse.jar} names TLS groups with Bouncy Castle's
 * table ({@code org.bouncycastle.tls.NamedGroup}, in bctls, whose module requires bcprov and bcutil). On the module
 * path they are only code to link against: the JDK installs a provider only when {@code java.security} lists it,
 * and the observe overlay lists none of Bouncy Castle's.
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
        if (!profile.observeOnly()) {
            lines.add(OPEN_BC_PROVIDER); // the observe profile has no BCJSSE connection to read a group from
        }
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
