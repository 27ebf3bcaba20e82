package io.pqws.load;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * What one receiver got from each sender, checked against the senders' own numbering (1, 2, 3, ...): messages
 * missing, received twice, or received after a later one of the same sender. One per receiving session, fed from
 * that session's callbacks (one at a time), read after the run.
 *
 * <p>Why per sender: the chat promises every member the room's order, which includes each sender's own order; a
 * per-sender count is exact whatever the interleaving of senders, so no timing enters the verdict.
 */
public final class DeliveryLedger {

    /**
     * The verdict for one receiver.
     *
     * @param received   distinct messages received
     * @param lost       messages expected but not received
     * @param duplicated messages received more than once (each extra copy counts)
     * @param outOfOrder messages received after a higher number of the same sender
     */
    public record Verdict(long received, long lost, long duplicated, long outOfOrder) {

        public Verdict plus(Verdict other) {
            return new Verdict(received + other.received, lost + other.lost, duplicated + other.duplicated,
                    outOfOrder + other.outOfOrder);
        }

        public static Verdict none() {
            return new Verdict(0, 0, 0, 0);
        }
    }

    private static final class PerSender {
        final BitSet seen = new BitSet();
        long highest;
        long distinct;
        long duplicated;
        long outOfOrder;
    }

    private final Map<String, PerSender> senders = new HashMap<>();

    /** Records message {@code number} (1-based) of {@code sender}. */
    public synchronized void record(String sender, long number) {
        if (number < 1 || number > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("message numbers start at 1: " + number);
        }
        PerSender from = senders.computeIfAbsent(sender, s -> new PerSender());
        int index = (int) number;
        if (from.seen.get(index)) {
            from.duplicated++;
            return;
        }
        from.seen.set(index);
        from.distinct++;
        if (number < from.highest) {
            from.outOfOrder++;
        } else {
            from.highest = number;
        }
    }

    /**
     * The verdict against what each sender says it sent. A sender missing from {@code sent} (whose count is unknown,
     * such as a flooder cut off by the server) is checked for gaps below its highest number only.
     */
    public synchronized Verdict verdict(Map<String, Long> sent) {
        Verdict total = Verdict.none();
        for (Map.Entry<String, Long> expected : sent.entrySet()) {
            PerSender from = senders.get(expected.getKey());
            long distinct = from == null ? 0 : from.distinct;
            long extraneous = from == null ? 0 : from.seen.get((int) Math.min(Integer.MAX_VALUE,
                    expected.getValue() + 1), Integer.MAX_VALUE).cardinality();
            total = total.plus(new Verdict(distinct, expected.getValue() - (distinct - extraneous),
                    from == null ? 0 : from.duplicated, from == null ? 0 : from.outOfOrder));
        }
        for (Map.Entry<String, PerSender> other : senders.entrySet()) {
            if (!sent.containsKey(other.getKey())) {
                PerSender from = other.getValue();
                total = total.plus(new Verdict(from.distinct, from.highest - from.distinct, from.duplicated,
                        from.outOfOrder));
            }
        }
        return total;
    }
}
