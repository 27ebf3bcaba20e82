package io.pqws.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import jakarta.websocket.Session;

/**
 * What a Tyrus session's scheduler does once the module switched its idle timer off: the per-message re-arming with
 * no timeout is answered without a task, while every other use (a timeout set later, a heartbeat) still reaches the
 * container's scheduler, a real one here.
 */
class NoIdleRearmingTest {

    private final ScheduledExecutorService container = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong maxIdleTimeout = new AtomicLong(-1);
    private final Session session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {Session.class}, (proxy, method, args) -> {
                if (method.getName().equals("getMaxIdleTimeout")) {
                    return maxIdleTimeout.get();
                }
                throw new UnsupportedOperationException(method.getName());
            });
    private final NoIdleRearming scheduler = new NoIdleRearming(container, session);

    @AfterEach
    void stop() {
        container.shutdownNow();
    }

    @Test
    void theRearmingWithNoTimeoutRunsNoTaskAndCountsAsDone() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        Runnable idleCheck = ran::incrementAndGet; // Tyrus schedules a Runnable
        for (long delay : new long[] {-1, 0}) {
            ScheduledFuture<?> future = scheduler.schedule(idleCheck, delay, TimeUnit.MILLISECONDS);
            assertTrue(future.isDone());
            assertFalse(future.cancel(false), "nothing to cancel");
        }
        // positive control: a task queued behind them on the same container thread runs, and they did not
        CountDownLatch after = new CountDownLatch(1);
        container.execute(after::countDown);
        assertTrue(after.await(5, TimeUnit.SECONDS));
        assertEquals(0, ran.get());
    }

    @Test
    void aTimeoutSetLaterIsScheduledOnTheContainer() throws Exception {
        maxIdleTimeout.set(50);
        CountDownLatch ran = new CountDownLatch(1);
        ScheduledFuture<?> future = scheduler.schedule(ran::countDown, 50, TimeUnit.MILLISECONDS);
        assertTrue(ran.await(5, TimeUnit.SECONDS));
        // The task ran; its future completes just after the task returns, on the container's thread.
        future.get(5, TimeUnit.SECONDS);
        assertTrue(future.isDone());
    }

    @Test
    void aZeroDelayTaskOfASessionWithATimeoutStillRuns() throws Exception {
        maxIdleTimeout.set(60_000);
        CountDownLatch ran = new CountDownLatch(1);
        scheduler.schedule(ran::countDown, 0, TimeUnit.MILLISECONDS);
        assertTrue(ran.await(5, TimeUnit.SECONDS));
    }

    @Test
    void aHeartbeatRunsOnTheContainer() throws Exception {
        CountDownLatch beats = new CountDownLatch(2);
        ScheduledFuture<?> heartbeat = scheduler.scheduleAtFixedRate(beats::countDown, 0, 10, TimeUnit.MILLISECONDS);
        assertTrue(beats.await(5, TimeUnit.SECONDS));
        assertTrue(heartbeat.cancel(false));
    }
}
