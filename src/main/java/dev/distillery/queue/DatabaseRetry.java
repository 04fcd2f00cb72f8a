package dev.distillery.queue;

import dev.distillery.shared.DatabaseFailures;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a worker does when the database goes away mid-run: it keeps its in-memory progress and retries the write
 * with a bounded backoff (0.5 s doubling to 8 s) until the database is back or {@code limit} has passed; the training
 * waits meanwhile. Only failures to reach the database are retried; any other error passes at once.
 */
final class DatabaseRetry {

    private static final Logger log = LoggerFactory.getLogger(DatabaseRetry.class);
    private static final long FIRST_PAUSE_MILLIS = 500;
    private static final long MAX_PAUSE_MILLIS = 8_000;

    private final Duration limit;

    DatabaseRetry(Duration limit) {
        this.limit = limit;
    }

    /** Runs {@code write}, again after each failure to reach the database, until it succeeds or the limit passes. */
    <T> T run(String what, Supplier<T> write) {
        long deadline = System.nanoTime() + limit.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (RuntimeException failure) {
                if (!unreachable(failure) || System.nanoTime() - deadline > 0) {
                    throw failure;
                }
                log.warn(
                        "{}: database unreachable (attempt {}), retrying in {} ms: {}",
                        what,
                        attempt,
                        pause,
                        failure.toString());
                sleep(pause);
                pause = Math.min(MAX_PAUSE_MILLIS, pause * 2);
            }
        }
    }

    void run(String what, Runnable write) {
        run(what, () -> {
            write.run();
            return null;
        });
    }

    /** Whether {@code failure} says the database could not be reached (rather than that it refused the write). */
    static boolean unreachable(Throwable failure) {
        return DatabaseFailures.unreachable(failure);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            throw new WorkerShutdown.Stopping();
        }
    }
}
