package dev.distillery.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.hibernate.TransactionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.jpa.JpaSystemException;

/** Which failures mean "the database is away, try later" (worker retry, API 503) and which do not. */
class DatabaseFailuresTest {

    @Test
    void aRollbackThatFailedOnTheBrokenConnectionIsTheDatabaseBeingAway() {
        // what Spring throws when a stopped or frozen server broke the connection under a transaction
        JpaSystemException rollbackFailed = new JpaSystemException(new TransactionException(
                "Unable to rollback against JDBC Connection", new SQLException("Connection is closed")));

        assertThat(DatabaseFailures.unreachable(rollbackFailed)).isTrue();
    }

    @Test
    void aServerShuttingDownOrStartingUpIsTheDatabaseBeingAway() {
        assertThat(DatabaseFailures.unreachable(new RuntimeException(
                        new SQLException("terminating connection due to administrator command", "57P01"))))
                .isTrue();
        assertThat(DatabaseFailures.unreachable(new SQLException("the database system is starting up", "57P03")))
                .isTrue();
        assertThat(DatabaseFailures.unreachable(new SQLException("connection failure", "08006")))
                .isTrue();
    }

    @Test
    void aRefusedWriteIsNot() {
        assertThat(DatabaseFailures.unreachable(new DataIntegrityViolationException(
                        "duplicate key", new SQLException("duplicate key value", "23505"))))
                .isFalse();
        assertThat(DatabaseFailures.unreachable(
                        new JpaSystemException(new TransactionException("Transaction not successfully started"))))
                .isFalse();
        assertThat(DatabaseFailures.unreachable(new IllegalStateException("not running")))
                .isFalse();
    }
}
