package io.pqws.client;

import picocli.CommandLine.Option;

/**
 * The {@code -h, --help} option of {@code pqws-client} and of each of its subcommands, mixed in with
 * {@code @Mixin}.
 *
 * <p>Why a mixin rather than picocli's {@code mixinStandardHelpOptions}: that would add {@code --version} and other
 * wording; every command of this client has the same one help option with the same text, declared here once.
 */
public final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;
}
