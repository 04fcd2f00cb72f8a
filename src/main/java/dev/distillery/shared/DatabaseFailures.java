package dev.distillery.shared;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a database that could not be reached (stopped, frozen, partitioned: retry later) from one that refused what
 * was asked of it. Workers retry the former; the API answers it with 503.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {}

    /** Whether {@code failure}, or a cause of it, says the database could not be reached. */
    public static boolean unreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof QueryTimeoutException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof org.hibernate.exception.JDBCConnectionException
                    || failedToEndTransaction(cause)
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof java.net.SocketTimeoutException
                    || cause instanceof java.net.ConnectException
                    || cause instanceof SQLException sql && connectionLost(sql.getSQLState())) {
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
        return cause instanceof org.hibernate.TransactionException && cause.getCause() instanceof SQLException;
    }

    /**
     * Class 08 (connection exception) and 57P (the server is shutting down, crashed or starting up: what a stopped and
     * restarted PostgreSQL answers a query in flight or a new connection).
     */
    private static boolean connectionLost(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P"));
    }
}
