package io.pqws.profile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code <profile>.args}, the JDK argument file that applies a PQ profile to a JVM, after validating the
 * profile and the provider jars.
 *
 * <p>Used by {@code server-config/payara-micro/run.sh} and by the build before the in-container tests:
 * <pre>
 * java -cp target/pqws-client/pqws-client.jar io.pqws.profile.ProfileArgsWriter \
 *      --profiles pq-profile --jars target/pq-profile/jars --out target/pq-profile [--profile NAME | --all]
 * </pre>
 * Exit status 0 with the written file names on stdout; 2 with one line on stderr for a bad profile or missing jar.
 */
public final class ProfileArgsWriter {

    private ProfileArgsWriter() {
    }

    public static void main(String... args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            Options options = Options.parse(args);
            ProviderJars jars = ProviderJars.in(options.jars());
            List<String> names = options.all() ? PqProfile.available(options.profiles()) : List.of(options.profile());
            Files.createDirectories(options.out());
            for (String name : names) {
                PqProfile profile = PqProfile.load(options.profiles(), name);
                Path file = options.out().resolve(name + ".args");
                Files.write(file, LauncherArguments.of(profile, jars));
                out.println(file.toAbsolutePath().normalize());
            }
            return 0;
        } catch (ProfileException e) {
            err.println("pqws profile: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("pqws profile: cannot write the argument file: " + e.getMessage());
            return 2;
        }
    }

    private record Options(Path profiles, Path jars, Path out, String profile, boolean all) {

        static Options parse(List<String> args) throws ProfileException {
            Path profiles = null;
            Path jars = null;
            Path out = null;
            String profile = PqProfile.DEFAULT;
            boolean all = false;
            List<String> rest = new ArrayList<>(args);
            while (!rest.isEmpty()) {
                String option = rest.remove(0);
                if (option.equals("--all")) {
                    all = true;
                    continue;
                }
                if (rest.isEmpty()) {
                    throw new ProfileException("option " + option + " needs a value");
                }
                String value = rest.remove(0);
                switch (option) {
                    case "--profiles" -> profiles = Path.of(value);
                    case "--jars" -> jars = Path.of(value);
                    case "--out" -> out = Path.of(value);
                    case "--profile" -> profile = value;
                    default -> throw new ProfileException("unknown option " + option
                            + "; usage: --profiles DIR --jars DIR --out DIR [--profile NAME | --all]");
                }
            }
            if (profiles == null || jars == null || out == null) {
                throw new ProfileException("--profiles, --jars and --out are required");
            }
            return new Options(profiles, jars, out, profile, all);
        }
    }
}
