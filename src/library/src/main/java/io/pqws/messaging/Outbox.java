package io.pqws.messaging;

import java.util.ArrayDeque;
import java.util.Optional;

import io.pqws.security.SessionGuard;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

/**
 * The bounded outgoing queue of one session: messages are sent asynchronously one after another, in the order
 * offered, and {@link #offer} never blocks.
 *
 * <p>Why: fan-out to a room or to a user's sessions must not wait for the slowest member. A member whose queue
 * overflows is too slow; {@link #offer} then says so once and drops everything queued, and the caller closes the
 * session with {@code 4001} while the other members carry on. A {@link Mergeable} message offered while the last
 * one waiting is of its kind is folded into it rather than queued.
 */
public final class Outbox {

    private final Session session;
    private final int capacity;
    private final ArrayDeque<Object> queue = new ArrayDeque<>(); // String or Mergeable
    private boolean sending; // guarded by this
    private boolean overflowed; // guarded by this
    private boolean failed; // guarded by this

    public Outbox(Session session, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.session = session;
        this.capacity = capacity;
    }

    public Session session() {
        return session;
    }

    /**
     * Queues a text message for sending. Returns false exactly once, when the queue was full: the session is too slow
     * and must be closed by the caller. After that, and after a failed send, further messages are dropped silently.
     */
    public boolean offer(String text) {
        return enqueue(text);
    }

    /**
     * Queues a message that may be merged: folded into the last message waiting when that one merges with it,
     * otherwise as {@link #offer(String)}.
     */
    public boolean offer(Mergeable message) {
        return enqueue(message);
    }

    private boolean enqueue(Object message) {
        synchronized (this) {
            if (overflowed || failed) {
                return true;
            }
            if (sending) {
                if (message instanceof Mergeable later && queue.peekLast() instanceof Mergeable waiting) {
                    Optional<Mergeable> merged = waiting.merge(later);
                    if (merged.isPresent()) {
                        queue.pollLast();
                        queue.addLast(merged.get());
                        return true;
                    }
                }
                if (queue.size() >= capacity) {
                    overflowed = true;
                    queue.clear();
                    return false;
                }
                queue.add(message);
                return true;
            }
            sending = true;
        }
        pump(text(message));
        return true;
    }

    private static String text(Object message) {
        return message instanceof Mergeable mergeable ? mergeable.text() : (String) message;
    }

    /** Messages waiting behind the one being sent. */
    public synchronized int queued() {
        return queue.size();
    }

    /**
     * Sends messages until one does not complete at once; its completion continues the loop on the thread that
     * completes it. A loop, not recursion, so a container that completes sends synchronously cannot overflow the
     * stack.
     */
    private void pump(String first) {
        SessionGuard.touch(session); // a member that only receives is not idle; once per run of sends is enough
        String text = first;
        while (text != null) {
            Send send = new Send();
            try {
                session.getAsyncRemote().sendText(text, send);
            } catch (RuntimeException e) {
                // the session closed under us: nothing more will be sent
                send.onResult(new SendResult(e));
            }
            text = send.continueHere();
        }
    }

    /** The next message after a completed send, or null when sending stops. */
    private synchronized String after(SendResult result) {
        if (!result.isOK()) {
            failed = true;
            queue.clear();
        }
        Object next = failed || overflowed ? null : queue.poll();
        while (next instanceof Mergeable merged && merged.isEmpty()) {
            next = queue.poll();
        }
        if (next == null) {
            sending = false;
            return null;
        }
        return text(next);
    }

    /** One send's completion, which either the sending loop or the completing thread carries on from. */
    private final class Send implements SendHandler {
        private SendResult result; // guarded by Outbox.this
        private boolean detached; // guarded by Outbox.this

        @Override
        public void onResult(SendResult sendResult) {
            synchronized (Outbox.this) {
                result = sendResult;
                if (!detached) {
                    return; // completed inside sendText: the loop in pump() continues
                }
            }
            String next = after(sendResult);
            if (next != null) {
                pump(next);
            }
        }

        /** The next message to send from the loop, or null when the completion will continue (or nothing is left). */
        String continueHere() {
            SendResult completed;
            synchronized (Outbox.this) {
                if (result == null) {
                    detached = true;
                    return null;
                }
                completed = result;
            }
            return after(completed);
        }
    }
}
