package io.pqws.bench;

import java.time.Duration;
import java.util.List;

/**
 * How long and how often each case runs. Two fixed plans: {@code quick} (about two minutes, most of it starting three
 * Payara Micro instances) for developing the harness, and {@code full} (about a quarter of an hour on 2 cores) for
 * the published figures.
 *
 * @param name             {@code quick} or {@code full}
 * @param rounds           interleaved rounds of the handshake case
 * @param handshakeRound   length of one variant's turn in a handshake round
 * @param warmup           untimed run of every variant before the first round
 * @param handshakeThreads concurrent handshaking connections
 * @param resumptionRounds rounds of the resumption case
 * @param resumptionRound  length of one turn there
 * @param echoRounds       rounds of each echo cell
 * @param echoRound        length of one turn there
 * @param echoSessions     session counts of the echo cells
 * @param echoSizes        message sizes of the echo cells, in bytes
 * @param bulkRounds       rounds of the bulk record case
 * @param bulkRound        length of one turn there
 * @param coldStarts       extra stop/start cycles per configuration for the cold-start case (beyond the first start)
 * @param fanoutMembers    members of the fan-out room (case 5)
 * @param fanoutMessages   messages each fan-out turn sends into the room
 * @param fanoutRounds     interleaved rounds of the fan-out case
 * @param idleSessions     idle session counts at which the heap per session is measured (case 5), increasing
 */
record Plan(String name, int rounds, Duration handshakeRound, Duration warmup, int handshakeThreads,
        int resumptionRounds, Duration resumptionRound, int echoRounds, Duration echoRound, List<Integer> echoSessions,
        List<Integer> echoSizes, int bulkRounds, Duration bulkRound, int coldStarts, int fanoutMembers,
        int fanoutMessages, int fanoutRounds, List<Integer> idleSessions) {

    static Plan quick() {
        return new Plan("quick", 3, Duration.ofSeconds(1), Duration.ofSeconds(1), 4, 3, Duration.ofSeconds(1), 2,
                Duration.ofMillis(750), List.of(1, 16), List.of(1024, 64 * 1024), 3, Duration.ofMillis(500), 0,
                100, 50, 2, List.of(200, 1_000));
    }

    static Plan full() {
        return new Plan("full", 5, Duration.ofSeconds(4), Duration.ofSeconds(5), 4, 5, Duration.ofSeconds(3), 3,
                Duration.ofSeconds(3), List.of(1, 64), List.of(1024, 64 * 1024), 5, Duration.ofSeconds(1), 2,
                1_000, 100, 3, List.of(1_000, 10_000));
    }
}
