package io.pqws.bench;

import java.util.List;

/**
 * Runs every variant once per round, in an order that rotates from round to round (ABC, BCA, CAB, ...), so that each
 * variant sees the same mix of positions and background load; and so that per-round values pair up for
 * {@link Ratio}.
 */
final class Interleaving {

    /** The work of one variant in one round. */
    interface Turn<T> {
        void run(int round, T variant) throws Exception;
    }

    private Interleaving() {
    }

    static <T> void rounds(int rounds, List<T> variants, Turn<T> turn) throws Exception {
        int n = variants.size();
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < n; i++) {
                turn.run(round, variants.get((i + round) % n));
            }
        }
    }
}
