package io.pqws.cluster;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A follower for the engines' tests: records entries ({@code "number:entry"}), signals and peer changes, so a test
 * waits for them with a bounded wait instead of sleeping, whichever thread the engine delivers on.
 */
public final class RecordingFollower implements LogFollower {

    /** How long a test waits for something to arrive. */
    public static final long WAIT_SECONDS = 30;

    public final BlockingQueue<String> entries = new LinkedBlockingQueue<>();
    public final BlockingQueue<String> signals = new LinkedBlockingQueue<>();
    public final CountDownLatch peersChanged = new CountDownLatch(1);

    @Override
    public void entry(long number, String entry) {
        entries.add(number + ":" + entry);
    }

    @Override
    public void signal(String payload) {
        signals.add(payload);
    }

    @Override
    public void peersChanged() {
        peersChanged.countDown();
    }

    /** The next {@code count} entries, failing when they do not all arrive in time. */
    public List<String> take(int count) throws InterruptedException {
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String entry = entries.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (entry == null) {
                throw new AssertionError("only " + taken.size() + " of " + count + " entries arrived: " + taken);
            }
            taken.add(entry);
        }
        return taken;
    }

    /** The next entry, failing when none arrives in time. */
    public String next() throws InterruptedException {
        String entry = entries.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(entry, "no entry within " + WAIT_SECONDS + " s");
        return entry;
    }

    /** The next signal, failing when none arrives in time. */
    public String nextSignal() throws InterruptedException {
        String signal = signals.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(signal, "no signal within " + WAIT_SECONDS + " s");
        return signal;
    }
}
