package io.pqws.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The bounded outgoing queue: order, one send in flight, overflow, failures, no recursion. */
class OutboxTest {

    @Test
    void messagesGoOutInOrderOneAtATime() {
        FakeSession fake = new FakeSession("s", false);
        Outbox outbox = new Outbox(fake.session(), 10);
        for (int i = 0; i < 5; i++) {
            assertTrue(outbox.offer("m" + i));
        }
        assertEquals(List.of("m0"), fake.sent(), "only one send in flight");
        assertEquals(4, outbox.queued());
        for (int i = 0; i < 5; i++) {
            fake.complete(true);
        }
        assertEquals(List.of("m0", "m1", "m2", "m3", "m4"), fake.sent());
        assertEquals(0, fake.inFlight());
        assertTrue(outbox.offer("m5"), "idle again: the next offer sends at once");
        assertEquals("m5", fake.sent().get(5));
    }

    @Test
    void aFullQueueSaysSoOnceAndDropsEverything() {
        FakeSession fake = new FakeSession("slow", false);
        Outbox outbox = new Outbox(fake.session(), 3);
        assertTrue(outbox.offer("in flight"));
        for (int i = 0; i < 3; i++) {
            assertTrue(outbox.offer("queued " + i));
        }
        assertFalse(outbox.offer("one too many"), "overflow");
        assertEquals(0, outbox.queued(), "the queue was dropped");
        assertTrue(outbox.offer("later"), "reported once; later offers are dropped quietly");
        fake.complete(true);
        assertEquals(List.of("in flight"), fake.sent(), "nothing more is sent to a member being closed");
    }

    @Test
    void aFailedSendStopsTheOutbox() {
        FakeSession fake = new FakeSession("gone", false);
        Outbox outbox = new Outbox(fake.session(), 3);
        outbox.offer("a");
        outbox.offer("b");
        fake.complete(false);
        assertEquals(List.of("a"), fake.sent());
        assertTrue(outbox.offer("c"));
        assertEquals(List.of("a"), fake.sent());
    }

    @Test
    void sendsThatCompleteAtOnceDoNotRecurse() {
        FakeSession fake = new FakeSession("fast", true);
        Outbox outbox = new Outbox(fake.session(), 100_000);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            outbox.offer("m" + i);
            expected.add("m" + i);
        }
        assertEquals(expected, fake.sent());
        assertEquals(1, fake.deepestNesting(), "each completion returned before the next send");
    }

    @Test
    void aCompletionOnAnotherThreadCarriesOnSending() throws Exception {
        FakeSession fake = new FakeSession("async", false);
        Outbox outbox = new Outbox(fake.session(), 10);
        outbox.offer("first");
        outbox.offer("second");
        Thread completer = new Thread(() -> fake.complete(true));
        completer.start();
        completer.join(10_000);
        assertEquals(List.of("first", "second"), fake.sent());
    }

    /** A message that merges with any other of its kind by joining their words. */
    private record Words(String words) implements Mergeable {
        @Override
        public String text() {
            return words;
        }

        @Override
        public Optional<Mergeable> merge(Mergeable later) {
            return later instanceof Words more ? Optional.of(new Words((words + " " + more.words).strip()))
                    : Optional.empty();
        }

        @Override
        public boolean isEmpty() {
            return words.isEmpty();
        }
    }

    @Test
    void mergeableMessagesFoldIntoTheOneWaiting() {
        FakeSession fake = new FakeSession("busy", false);
        Outbox outbox = new Outbox(fake.session(), 2);
        assertTrue(outbox.offer(new Words("first")), "sent at once: nothing waits to merge with");
        for (String word : List.of("a", "b", "c", "d")) {
            assertTrue(outbox.offer(new Words(word)));
        }
        assertEquals(1, outbox.queued(), "folded, so the bound of 2 is never reached");
        fake.complete(true);
        assertEquals(List.of("first", "a b c d"), fake.sent());
    }

    @Test
    void aPlainMessageKeepsItsPlaceBetweenMergeableOnes() {
        FakeSession fake = new FakeSession("busy", false);
        Outbox outbox = new Outbox(fake.session(), 10);
        outbox.offer("in flight");
        outbox.offer(new Words("a"));
        outbox.offer("plain");
        outbox.offer(new Words("b"));
        outbox.offer(new Words("c"));
        assertEquals(3, outbox.queued());
        for (int i = 0; i < 4; i++) {
            fake.complete(true);
        }
        assertEquals(List.of("in flight", "a", "plain", "b c"), fake.sent(), "order kept; only neighbours merge");
    }

    @Test
    void aMergeThatLeftNothingToTellIsNotSent() {
        FakeSession fake = new FakeSession("busy", false);
        Outbox outbox = new Outbox(fake.session(), 10);
        outbox.offer("in flight");
        outbox.offer(new Words(""));
        outbox.offer("after");
        fake.complete(true);
        fake.complete(true);
        assertEquals(List.of("in flight", "after"), fake.sent());
    }
}
