package dev.distillery.queue;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

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
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof QueryTimeoutException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof org.hibernate.exception.JDBCConnectionException
                    || failedToEndTransaction(cause)
                    || cause instanceof java.sql.SQLTransientConnectionException
                    || cause instanceof java.sql.SQLRecoverableException
                    || cause instanceof java.sql.SQLException sql && connectionLost(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A commit or rollback that failed in JDBC: the connection broke under the transaction (a stopped server resets
     * it; the pool then closes it and the rollback meets "Connection is closed", an SQLException with no state), and
     * Spring throws this in place of the failure that caused the rollback.
     */
    private static boolean failedToEndTransaction(Throwable cause) {
        return cause instanceof org.hibernate.TransactionException && cause.getCause() instanceof java.sql.SQLException;
    }

    /**
     * Class 08 (connection exception) and 57P (the server is shutting down, crashed or starting up: what a stopped and
     * restarted PostgreSQL answers a query in flight or a new connection).
     */
    private static boolean connectionLost(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P"));
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
