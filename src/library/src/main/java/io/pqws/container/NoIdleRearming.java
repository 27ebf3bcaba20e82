package io.pqws.container;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.websocket.Session;

/**
 * The scheduler one Tyrus session uses ({@link TyrusSessionIdleTimer}): everything goes to the container's
 * scheduler, except a task scheduled with no delay while the session has no idle timeout, which is the idle-timeout
 * re-arming Tyrus does per message and which would do nothing when run. It is answered with a future that is already
 * done, as if the task had run.
 */
final class NoIdleRearming implements ScheduledExecutorService {

    private final ScheduledExecutorService container;
    private final Session session;

    NoIdleRearming(ScheduledExecutorService container, Session session) {
        this.container = container;
        this.session = session;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        if (delay <= 0 && session.getMaxIdleTimeout() <= 0) {
            return Done.INSTANCE;
        }
        return container.schedule(command, delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return container.schedule(callable, delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return container.scheduleAtFixedRate(command, initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
            TimeUnit unit) {
        return container.scheduleWithFixedDelay(command, initialDelay, delay, unit);
    }

    @Override
    public void shutdown() {
        container.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return container.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return container.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return container.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return container.awaitTermination(timeout, unit);
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        return container.submit(task);
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        return container.submit(task, result);
    }

    @Override
    public Future<?> submit(Runnable task) {
        return container.submit(task);
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        return container.invokeAll(tasks);
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException {
        return container.invokeAll(tasks, timeout, unit);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        return container.invokeAny(tasks);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return container.invokeAny(tasks, timeout, unit);
    }

    @Override
    public void execute(Runnable command) {
        container.execute(command);
    }

    /** A task that counts as run: nothing to cancel, nothing to wait for. */
    private static final class Done implements ScheduledFuture<Object> {

        static final Done INSTANCE = new Done();

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
