package io.pqws.metrics;

import java.time.Instant;

/**
 * One opened session as the status page shows it. No client address: the page answers "which groups are my users
 * getting", which needs no personal data.
 *
 * @param sequence 1 for the first session since the module started, one more for each session after it
 * @param openedAt when its {@code @OnOpen} ran
 * @param endpoint the endpoint's path template, e.g. {@code /echo}
 * @param labels   its TLS parameters
 */
public record RecentSession(long sequence, Instant openedAt, String endpoint, SessionLabels labels) {
}
