package io.pqws.config;

import java.util.List;

/**
 * One or more {@code pqws.*} settings are invalid; the message names every bad key, its value and the rule it breaks.
 *
 * <p>Why all problems at once: an operator who fixes one typo should not have to redeploy to learn about the next.
 */
public class InvalidSettingsException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidSettingsException(List<String> problems) {
        super("invalid pqws settings: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
