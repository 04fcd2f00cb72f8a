package dev.distillery.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import org.hibernate.TransactionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.jpa.JpaSystemException;

/** What the API's catch-all answers: 503 for a database that cannot be reached, 500 for a bug. */
class DatabaseOutageClassificationTest {

    @Test
    void aRollbackThatFailsOnAClosedConnectionIsAnOutage() {
        // seen under load with every PostgreSQL process frozen: the read timed out, Hikari closed the connection and
        // the rollback's failure (an SQLException without a state) replaced the read's
        var rollback = new JpaSystemException(new RuntimeException(new TransactionException(
                "Unable to rollback against JDBC Connection", new SQLException("Connection is closed"))));

        assertThat(dev.distillery.shared.DatabaseFailures.unreachable(rollback)).isTrue();
        assertThat(ApiStatus.of(rollback)).isEqualTo(503);
    }

    @Test
    void aReadTimeoutDeepInTheCausesIsAnOutage() {
        var timeout = new IllegalStateException(new SQLException("I/O error", null, new SocketTimeoutException()));

        assertThat(dev.distillery.shared.DatabaseFailures.unreachable(timeout)).isTrue();
    }

    @Test
    void constraintViolationsAndBugsAreNot() {
        var duplicate = new DataIntegrityViolationException("dup", new SQLException("duplicate key", "23505"));

        assertThat(dev.distillery.shared.DatabaseFailures.unreachable(duplicate))
                .isFalse();
        assertThat(dev.distillery.shared.DatabaseFailures.unreachable(new NullPointerException()))
                .isFalse();
        assertThat(ApiStatus.of(new NullPointerException())).isEqualTo(500);
    }

    /** The status the API's catch-all answers for a failure no specific handler took. */
    private static final class ApiStatus {
        static int of(Exception failure) {
            return new ApiExceptionHandler(org.springframework.util.unit.DataSize.ofBytes(1))
                    .unexpected(failure)
                    .getStatusCode()
                    .value();
        }
    }
}
