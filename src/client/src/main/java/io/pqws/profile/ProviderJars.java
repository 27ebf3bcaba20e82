package io.pqws.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The directory of jars a PQ profile puts on the container JVM's module path: Bouncy Castle's provider, util and
 * TLS jars (one version for all) and the project's PQWS policy provider.
 *
 * <p>Why it is checked before launch: a {@code security.provider.N} entry whose class is missing is skipped by the
 * JDK without a word, and the server would come up on SunJSSE without any hybrid group.
 */
public record ProviderJars(Path directory, List<Path> jars) {

    static final List<String> REQUIRED = List.of("bcprov-jdk18on-", "bcutil-jdk18on-", "bctls-jdk18on-",
            "pqws-jsse");

    public ProviderJars {
        jars = List.copyOf(jars);
    }

    /** Finds and checks the jars in {@code directory}. */
    public static ProviderJars in(Path directory) throws ProfileException {
        List<Path> jars;
        try (Stream<Path> entries = Files.list(directory)) {
            jars = entries.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new ProfileException("the PQ profile's provider jars are missing: cannot list " + directory
                    + " (build them with 'mvn package')", e);
        }
        Set<String> bcVersions = new TreeSet<>();
        for (String prefix : REQUIRED) {
            Path jar = jars.stream().filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new ProfileException("the PQ profile needs " + prefix + "*.jar in "
                            + directory + " (build it with 'mvn package')"));
            String file = jar.getFileName().toString();
            if (prefix.startsWith("bc")) {
                bcVersions.add(file.substring(prefix.length(), file.length() - ".jar".length()));
            }
        }
        if (bcVersions.size() != 1) {
            throw new ProfileException(directory + " mixes Bouncy Castle versions " + bcVersions
                    + "; bcprov, bcutil and bctls must be one version");
        }
        return new ProviderJars(directory.toAbsolutePath().normalize(), jars);
    }
}
